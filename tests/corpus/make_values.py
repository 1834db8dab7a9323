"""Write the values corpus: dates, amounts and numbers as people type them, good and bad.

Run ``python tests/corpus/make_values.py`` to (re)write ``tests/corpus/values/``; the
files are committed, and ``test_corpus.py`` checks that this script gives the same bytes.
Each file's expected outcome is in ``manifest-values.toml``; the rows of a file are
numbered so that line N of the file is the row the manifest names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent / "values"

ORDERS = "订单号,客户编号,下单日期,金额"


def csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _quoted(cell: str) -> str:
    return f'"{cell}"' if "," in cell else cell


def orders_dates(dates: list[str]) -> bytes:
    """One order of 10 yuan per date, O2 on line 2 …"""
    return csv(ORDERS, [f"O{i},C1,{_quoted(d)},10" for i, d in enumerate(dates, 2)])


def orders_amounts(amounts: list[str], header: str = ORDERS) -> bytes:
    """One order per amount on 2024-01-05, O2 on line 2 …; amounts with a comma quoted."""
    return csv(header, [f"O{i},C{i % 3},2024-01-05,{_quoted(a)}" for i, a in enumerate(amounts, 2)])


FILES: dict[str, Callable[[], bytes]] = {
    # --- dates -------------------------------------------------------------------------
    "orders_dates_accepted.csv": lambda: orders_dates(
        [
            "2023-01-05",
            "2023/1/5",
            "2023.01.05",
            "20230105",
            "2023年1月5日",
            "2015年04月08日10:05",
            "2023-01-05 13:05:09",
            "2023-01-05T13:05:09",
            "２０２３－０１－０５",
            "2023年1月5日 13时05分",
            "2023/01/05 13:05:09.250",
            " 2023-1-5 ",
        ]
    ),
    "orders_dates_invalid.csv": lambda: orders_dates(
        [
            "2024-01-05",
            "2023-02-30",
            "2023-13-01",
            "2023-00-10",
            "20231305",
            "2023-01-05 25:00",
            "2023-01-05 13:05:60",
            "2024-02-29",
            "2023-02-29",
        ]
    ),
    "orders_dates_ambiguous.csv": lambda: orders_dates(
        ["2024-01-05", "03/04/2023", "3-4-2023", "05.01.2023", "13/01/2023 10:00"]
    ),
    "orders_dates_years.csv": lambda: orders_dates(
        [
            "1900-01-01",
            "2100-12-31",
            "1899-12-31",
            "9999-12-31",
            "0001-01-01",
            "2101-01-01",
            "1900年1月1日",
        ]
    ),
    "orders_dates_text.csv": lambda: orders_dates(
        [
            "2024-01-05",
            "昨天",
            "Jan 5, 2023",
            "2023-01",
            "2023年1月",
            "n/a",
            "-",
            "",
            "2023-01-05T13:05:09+08:00",
            "٢٠٢٣-٠١-٠٥",
        ]
    ),
    "orders_date_future.csv": lambda: orders_dates(["2024-01-05", "2099-12-31"]),
    "orders_serial_in_csv.csv": lambda: orders_dates(["2024-01-05", "45000", "45000.5"]),
    "customers_dates.csv": lambda: csv(
        "客户编号,客户名称,获客日期",
        [
            "C1,张伟,2023-05-01",
            "C2,王芳,2023/6/1 13:05:09",
            "C3,李娜,2023年7月1日",
            "C4,刘洋,",
            "C5,陈静,2023-06-31",
            "C6,杨帆,06/07/2023",
            "C7,赵磊,上个月",
        ],
    ),
    "costs_dates.csv": lambda: csv(
        "客户编号,发生日期,金额,费用类型",
        [
            "C1,20240105,50,获客",
            "C2,2024.1.6,20.5,服务",
            "C3,2024-02-30,8,其他",
            "C1,,8,其他",
        ],
    ),
    # --- amounts -----------------------------------------------------------------------
    "orders_amounts_accepted.csv": lambda: orders_amounts(
        [
            "1,200.50",
            "¥300",
            "￥300",
            "RMB 300",
            "450元",
            "1.2万",
            "1.2万元",
            "１２３",
            "+5",
            ".5",
            "1 200",
            "1,234,567.89",
            "￥ 1,200.50",
            "0",
        ]
    ),
    "orders_refunds.csv": lambda: csv(
        "订单号,客户编号,下单日期,金额,交易类型",
        [
            "O1,C1,2024-01-05,300,首购",
            "O2,C1,2024-01-09,-88.50,退货",
            "O3,C1,2024-01-10,(120.00),退货",
            "O4,C1,2024-01-11,-¥5,退货",
            "O5,C1,2024-01-12,¥-5,refund",
            "O6,C1,2024-01-13,(-5),退货",
        ],
    ),
    "orders_amounts_precision.csv": lambda: orders_amounts(
        ["10.50", "12.345", "0.001", "1.23456万", "100.10"]
    ),
    "orders_amounts_not_numbers.csv": lambda: orders_amounts(
        ["10", "1e3", "NaN", "inf", "-inf", "Infinity", "-", "--5", "abc", "12%", "0x10", "一百"]
    ),
    "orders_amounts_huge.csv": lambda: orders_amounts(
        [
            "9999999999999.99",
            "1e20",
            "100000000000000000000",
            "9223372036854775807",
            "92233720368547758.08",
            "10000000000000",
            "-9999999999999.99",
            "9999999999999万",
        ]
    ),
    "orders_amounts_separators.csv": lambda: orders_amounts(
        ["1,200", "1,20", "12,34,567", "1.200,50", "1,2", "1 2", "1 200,50", "1,200.5"]
    ),
    "orders_amounts_empty.csv": lambda: orders_amounts(["10", "", " ", "-", "20"]),
    "orders_cost_column.csv": lambda: csv(
        "订单号,客户编号,下单日期,金额,成本",
        [
            "O1,C1,2024-01-05,100,60",
            "O2,C1,2024-01-06,100,",
            "O3,C2,2024-01-07,100,-5",
            "O4,C2,2024-01-08,100,(5)",
            "O5,C3,2024-01-09,100,١٢٣",
            "O6,C3,2024-01-10,100,１２",
        ],
    ),
    "costs_amounts.csv": lambda: csv(
        "客户编号,发生日期,金额,费用类型",
        [
            "C1,2024-01-05,1.2万,获客",
            "C2,2024-01-06,-5,服务",
            "C3,2024-01-07,(5),其他",
            "C1,2024-01-08,0,其他",
            "C2,2024-01-09,¥1,200.5,服务",
            'C3,2024-01-10,"1,200.5",服务',
        ],
    ),
    # --- numbers of the survey kinds -----------------------------------------------------
    "ratings_numbers.csv": lambda: csv(
        "受访者,品牌,属性,评分",
        [
            "R1,汇达,质量,8.5",
            "R1,汇达,交期,１０",
            "R1,汇达,服务,NaN",
            "R1,汇达,价格,inf",
            "R2,汇达,质量,-1",
            'R2,汇达,交期,"7,5"',
            "R2,汇达,服务,1e400",
            "R2,汇达,价格,",
            "R3,汇达,质量,7",
        ],
    ),
    "weights_numbers.csv": lambda: csv(
        "受访者,属性,类型,权重",
        [
            "R1,质量,质量,30%",
            "R1,交期,质量,４０",
            "R1,价格,价格,30",
            'R2,质量,质量,"7,5"',
            "R2,交期,质量,42.5",
            "R2,价格,价格,50",
            "R3,质量,质量,150",
            "R3,价格,价格,-50",
        ],
    ),
    "market_shares.csv": lambda: csv(
        "细分市场,品牌,价格,市场份额",
        [
            'A,汇达,"¥1,200",25%',
            "A,远航,1100,２５％",
            'A,启明,"1,05",50',
            "B,汇达,0,30",
            "B,远航,-5,30",
            'B,启明,900,"7,5%"',
            "B,北辰,950,120%",
        ],
    ),
    "market_fractions.csv": lambda: csv(
        "品牌,价格,市场份额",
        ["汇达,1200,0.25", "远航,1100,0.35", "启明,1000,0.4"],
    ),
    "owners.csv": lambda: csv(
        "属性,部门,职责",
        [
            "质量,生产部,主责",
            "质量,质检部,协助",
            "交期,物流部,",
            "服务,客服部,负责人",
            "价格,销售部,lead",
            "价格,销售部,support",
            "Ｑｕａｌｉｔｙ,生产部,主责",
        ],
    ),
    "deals_values.csv": lambda: csv(
        "商机编号,日期,竞争者,结果,决定属性,金额",
        [
            "D1,2023/1/5,远航,赢单,质量,1.2万",
            "D2,2023年2月1日,远航,输单,价格,NaN",
            "D3,03/04/2023,启明,赢,交期,5000",
            'D4,2023-04-01,启明,输,价格,"7,5"',
            "D5,2023-05-01,启明,平局,价格,100",
        ],
    ),
    "events_dates.csv": lambda: csv(
        "日期,主体,影响,事件",
        [
            "2023年1月5日,远航,下降,交期延误",
            "20230210,汇达,上升,新产线投产",
            "昨天,启明,下降,降价",
            "2023-02-30,启明,下降,价格战",
        ],
    ),
    "offerings_numbers.csv": lambda: csv(
        "方案,构成,金额,单位,每分金额",
        [
            '我方,产品价值,"¥1,200",,',
            "我方,货币成本,1.2万,,",
            '对手,产品价值,"7,5",,',
            "对手,货币成本,NaN,,",
            "对手,服务价值,８,分,100",
        ],
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
