"""Write the reading corpus: files whose encoding or CSV structure is tricky.

Run ``python tests/corpus/make_reading.py`` to (re)write ``tests/corpus/reading/``; the
files are committed, and ``test_corpus.py`` checks that this script gives the same bytes.
Each file's expected outcome is in ``manifest-reading.toml``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent / "reading"

ORDERS = "订单号,客户编号,下单日期,金额,产品"
ROWS = [
    "O1,C1,2024-01-05,120.50,苹果手机",
    "O2,C2,2024-01-06,88.00,华为平板",
    "O3,C1,2024-02-01,15.25,茶叶",
    "O4,C3,2024-02-03,300,大米",
]
CUSTOMERS = "客户编号,客户名称,获客日期,城市"
PEOPLE = ["C1,张伟,2023-05-01,南京", "C2,王芳,2023-06-01,上海", "C3,李娜,2023-07-01,北京"]
COSTS = "客户编号,发生日期,金额,费用类型,备注"
SPENDING = [
    "C1,2024-01-05,50,获客,广告",
    "C2,2024-01-06,20.5,服务,上门",
    "C3,2024-03-01,8,其他,礼品",
]
RATINGS = "调查批次,细分市场,受访者,品牌,属性,评分"
SCORES = [
    "2025H2,大客户,R1,汇达办公,产品质量,9",
    "2025H2,大客户,R1,汇达办公,送货及时,8",
    "2025H2,大客户,R2,汇达办公,产品质量,7",
]
DEALS = "商机编号,日期,细分市场,竞争者,结果,决定属性,金额,备注"


def lines(header: str, rows: list[str], eol: str = "\n") -> str:
    return eol.join([header, *rows]) + eol


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def gbk(text: str) -> bytes:
    return text.encode("gbk")


def mixed(parts: list[tuple[str, str]]) -> bytes:
    """Each part of the text in its own encoding."""
    return b"".join(text.encode(codec) for text, codec in parts)


FILES: dict[str, Callable[[], bytes]] = {
    # --- encodings -------------------------------------------------------------
    "orders_utf8.csv": lambda: utf8(lines(ORDERS, ROWS)),
    "orders_utf8_bom.csv": lambda: b"\xef\xbb\xbf" + utf8(lines(ORDERS, ROWS)),
    "orders_gbk.csv": lambda: gbk(lines(ORDERS, ROWS)),
    "orders_gb18030_only_chars.csv": lambda: lines(
        ORDERS, [*ROWS[:2], "O3,C1,2024-02-01,15.25,䶮𠀀茶"]
    ).encode("gb18030"),
    "orders_utf8_one_gbk_row.csv": lambda: mixed(
        [
            (lines(ORDERS, ROWS[:2]), "utf-8"),
            ("O3,C1,2024-02-01,15.25,红米手机\n", "gbk"),
            (ROWS[3] + "\n", "utf-8"),
        ]
    ),
    "orders_gbk_one_utf8_row.csv": lambda: mixed(
        # the UTF-8 bytes of 红米手机 are valid GBK: read as GBK they would be mojibake
        [
            (lines(ORDERS, ROWS[:2]), "gbk"),
            ("O3,C1,2024-02-01,15.25,红米手机\n", "utf-8"),
            (ROWS[3] + "\n", "gbk"),
        ]
    ),
    "orders_gbk_utf8_row_not_gbk.csv": lambda: mixed(
        [(lines(ORDERS, ROWS[:3]), "gbk"), ("O4,C3,2024-02-03,300,中\n", "utf-8")]
    ),
    "orders_utf8_header_gbk.csv": lambda: mixed(
        [(ORDERS + "\n", "gbk"), ("\n".join(ROWS) + "\n", "utf-8")]
    ),
    "orders_gbk_small_chars.csv": lambda: gbk(
        # 小 (D0 A1) is also the UTF-8 of Cyrillic С: in a GBK file it stays 小
        lines(ORDERS, ["O1,C1,2024-01-05,1,小", "O2,C2,2024-01-06,2,大米"])
    ),
    "orders_latin1.csv": lambda: lines(
        "order_id,customer_id,date,amount,product", ["1,C1,2024-01-05,3,Caf\xe9"]
    ).encode("latin-1"),
    "orders_utf16le_bom.txt": lambda: (
        b"\xff\xfe"
        + lines(ORDERS.replace(",", "\t"), [r.replace(",", "\t") for r in ROWS], "\r\n").encode(
            "utf-16-le"
        )
    ),
    "costs_utf16le_bom.txt": lambda: (
        b"\xff\xfe"
        + lines(COSTS.replace(",", "\t"), [r.replace(",", "\t") for r in SPENDING], "\r\n").encode(
            "utf-16-le"
        )
    ),
    "orders_utf16be_bom.csv": lambda: b"\xfe\xff" + lines(ORDERS, ROWS).encode("utf-16-be"),
    "orders_utf16le_no_bom.csv": lambda: lines(ORDERS, ROWS).encode("utf-16-le"),
    "orders_utf32_bom.csv": lambda: lines(ORDERS, ROWS).encode("utf-32"),
    "orders_utf16_broken.csv": lambda: (
        b"\xff\xfe" + lines(ORDERS, ROWS[:2]).encode("utf-16-le") + b"\x00\xd8"
    ),
    "customers_gbk_one_utf8_row.csv": lambda: mixed(
        [(lines(CUSTOMERS, PEOPLE[:2]), "gbk"), (PEOPLE[2] + "\n", "utf-8")]
    ),
    "ratings_utf8_one_gbk_row.csv": lambda: mixed(
        [(lines(RATINGS, SCORES[:2]), "utf-8"), (SCORES[2] + "\n", "gbk")]
    ),
    "ratings_gbk.csv": lambda: gbk(lines(RATINGS, SCORES)),
    # --- line endings ----------------------------------------------------------
    "orders_cr_only.csv": lambda: utf8(lines(ORDERS, ROWS, "\r")),
    "customers_gbk_cr_only.csv": lambda: gbk(lines(CUSTOMERS, PEOPLE, "\r")),
    "orders_utf8_gbk_row_cr_only.csv": lambda: mixed(
        [
            (lines(ORDERS, ROWS[:2], "\r"), "utf-8"),
            ("O3,C1,2024-02-01,15.25,红米\r", "gbk"),
            (ROWS[3] + "\r", "utf-8"),
        ]
    ),
    "orders_mixed_line_endings.csv": lambda: utf8(
        ORDERS
        + "\r\n"
        + ROWS[0]
        + "\n"
        + ROWS[1]
        + "\r"
        + "O3,C1,2024-13-01,15.25,茶叶\r\n"
        + ROWS[3]
    ),
    "ratings_cr_only.csv": lambda: utf8(lines(RATINGS, SCORES, "\r")),
    # --- quoting ---------------------------------------------------------------
    "orders_unclosed_quote_eof.csv": lambda: utf8(
        lines(ORDERS, [ROWS[0], ROWS[1], 'O3,C1,2024-02-01,15.25,"茶叶', ROWS[3]])
    ),
    "orders_unclosed_quote_eof_cr.csv": lambda: utf8(
        lines(ORDERS, [ROWS[0], 'O2,C2,2024-01-06,88.00,"华为', ROWS[2]], "\r")
    ),
    "orders_unclosed_quote_mid.csv": lambda: utf8(
        lines(
            ORDERS,
            [
                ROWS[0],
                'O2,C2,2024-01-06,88.00,"华为平板',
                ROWS[2],
                'O4,"C3",2024-02-03,300,大米',
                "O5,C3,2024-02-04,10,面粉",
            ],
        )
    ),
    "orders_quote_inside_value.csv": lambda: utf8(
        lines(ORDERS, ['O1,C1,2024-01-05,120.50,12" 显示器', 'O2,C2,2024-01-06,88,"A4"纸'])
    ),
    "orders_multiline_value.csv": lambda: utf8(
        lines(
            ORDERS,
            [
                'O1,C1,2024-01-05,120.50,"苹果手机\n（黑色）"',
                'O2,C2,2024-01-06,88.00,"华为\r\n平板"',
                "O3,C1,2024-13-01,15.25,茶叶",
            ],
        )
    ),
    "deals_multiline_note.csv": lambda: utf8(
        lines(
            DEALS,
            [
                'D1,2025-07-18,中小企业,快购办公网,输,账期,30000,"客户要求 60 天账期，\n'
                '我方只给 30 天"',
                "D1,2025-07-18,中小企业,快购办公网,输,折扣返利,30000,",
            ],
        )
    ),
    "orders_quoted_separators.csv": lambda: utf8(
        lines(
            ORDERS, ['"O1",C1,2024-01-05,"1,120.50","手机, 黑色"', 'O2,C2,2024-01-06,88,"说""好"""']
        )
    ),
    # --- structure -------------------------------------------------------------
    "orders_blank_lines.csv": lambda: utf8(
        "\n\n"
        + ORDERS
        + "\n\n"
        + ROWS[0]
        + "\n   \n"
        + ROWS[1]
        + "\n\n"
        + "O3,C1,2024-02-01,abc,茶叶\n\n"
    ),
    "orders_trailing_separators.csv": lambda: utf8(lines(ORDERS + ",", [r + "," for r in ROWS])),
    "orders_ragged_rows.csv": lambda: utf8(
        lines(ORDERS, [ROWS[0], "O2,C2,2024-01-06,88.00", ROWS[2] + ",多余", ROWS[3]])
    ),
    "orders_semicolon.csv": lambda: utf8(
        lines(ORDERS.replace(",", ";"), [r.replace(",", ";") for r in ROWS])
    ),
    "orders_tab.tsv": lambda: utf8(
        lines(ORDERS.replace(",", "\t"), [r.replace(",", "\t") for r in ROWS])
    ),
    "orders_pipe_gbk.csv": lambda: gbk(
        # 東 and 億 end in the byte 0x7C, which is '|' in ASCII
        lines(
            ORDERS.replace(",", "|"),
            ["O1|C1|2024-01-05|10|東京"]
            + [r.replace(",", "|") for r in ROWS[1:3]]
            + ["O4|C3|2024-02-03|5|億"],
        )
    ),
    "customers_semicolon_gbk.csv": lambda: gbk(
        lines(CUSTOMERS.replace(",", ";"), [p.replace(",", ";") for p in PEOPLE])
    ),
    "orders_header_only.csv": lambda: utf8(ORDERS + "\n"),
    "orders_empty.csv": lambda: b"",
    "orders_only_bom.csv": lambda: b"\xef\xbb\xbf",
    "orders_blank_only.csv": lambda: b"\r\n \r\n\t\n",
    "orders_nul_byte.csv": lambda: utf8(
        lines(ORDERS, [ROWS[0], "O2,C2,2024-01-06,88.00,华\x00为", ROWS[2]])
    ),
    "orders_nul_in_header.csv": lambda: utf8(
        lines("订单号,客户\x00编号,下单日期,金额", ["O1,C1,2024-01-05,1"])
    ),
    "costs_mixed_endings_quotes.csv": lambda: utf8(
        COSTS
        + "\r\n"
        + SPENDING[0]
        + "\r"
        + 'C2,2024-01-06,20.5,服务,"上门\r\n维修"\n'
        + SPENDING[2]
    ),
}


def write(target: Path = HERE) -> list[Path]:
    """Write every file into ``target``; returns the paths written."""
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in FILES.items():
        path = target / name
        path.write_bytes(make())
        out.append(path)
    return out


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        sys.stdout.write(f"{path}\n")
