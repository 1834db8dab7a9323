"""Writes the id corpus (tests/corpus/ids/*.csv): ``python tests/corpus/ids/make_ids.py``.

The files hold characters no editor shows (zero-width, bidi, NUL …); this script says
what each one is. They are committed; the cases and their outcomes are in
tests/corpus/manifest-ids.toml.
"""

from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).parent
ZWSP, NBSP, IDSP, BOM = "\u200b", "\u00a0", "\u3000", "\ufeff"


def write(name: str, lines: list[str], bom: bool = False) -> None:
    text = "\n".join(lines) + "\n"
    (OUT / name).write_bytes((BOM if bom else "").encode() + text.encode("utf-8"))


def main() -> None:
    """Write every file of the corpus."""
    # 1. the five spellings of C1 in orders: one customer
    write(
        "five_c1.csv",
        [
            "order_id,customer_id,date,amount",
            "o1,C1,2024-01-01,10",
            f"o2,C{ZWSP}1,2024-01-02,20",
            "o3,Ｃ１,2024-01-03,30",
            f"o4,C1{NBSP},2024-01-04,40",
            f"o5,{IDSP}C1,2024-01-05,50.5",
        ],
    )
    # 2. a byte-order mark inside the first id (and the file's own BOM before the header)
    write(
        "bom_first_id.csv",
        [
            "customer_id,date,amount",
            f"{BOM}C1,2024-01-01,10",
            "C1,2024-01-02,20",
            f"C2{BOM},2024-01-03,30",
        ],
        bom=True,
    )
    # 3. zero-width characters in customer ids: the same customers as without them
    write(
        "zero_width_customers.csv",
        [
            "customer_id,name",
            "C1,Alice",
            f"C{ZWSP}2,Bob",
            "C\u200d3,Carol",
            "C\u20604,Dan",
            "C\u00ad5,Eve",
            f"C{ZWSP}1,Alice",
        ],
    )
    # 4. the same id with a zero-width space and another name: a conflict, not a second customer
    write(
        "zero_width_conflict.csv",
        [
            "customer_id,name",
            "C1,Alice",
            f"C1{ZWSP},Alicia",
        ],
    )
    # 5. full-width ids, amounts and dates
    write(
        "full_width.csv",
        [
            "order_id,customer_id,date,amount",
            "ｏ１,Ｃ１,２０２４-０１-０１,１００",
            "o2,C1,2024-01-02,200",
            "ｏ３,ＡＢＣ－１２,2024-01-03,３００．５",
            "o4,ABC-12,2024-01-04,400",
        ],
    )
    # 6. no-break spaces around and inside ids
    write(
        "nbsp.csv",
        [
            "customer_id,name",
            f"{NBSP}C1,Alice",
            f"C2{NBSP}{NBSP},Bob",
            f"C{NBSP}3,Carol",
            "C 3,Carol",
        ],
    )
    # 7. ideographic and other Unicode spaces around ids
    write(
        "ideographic_space.csv",
        [
            "customer_id,date,amount",
            f"{IDSP}C1,2024-01-01,10",
            f"C1{IDSP},2024-01-02,10",
            "\u2003C1\u2009,2024-01-03,10",
            "\u202fC1\u205f,2024-01-04,10",
        ],
    )
    # 8. bidirectional controls: refused row by row
    write(
        "bidi.csv",
        [
            "customer_id,date,amount",
            "C1,2024-01-01,10",
            "C\u202e1,2024-01-02,20",
            "\u2067C2\u2069,2024-01-03,30",
            "\u200fC3,2024-01-04,40",
            "C4\u200e,2024-01-05,50",
            "C5,2024-01-06,60",
        ],
    )
    # 9. control characters in ids (C0, ESC, DEL, C1, a tab inside)
    write(
        "control_chars.csv",
        [
            "customer_id,name",
            "C1,Alice",
            "C\x012,Bob",
            "C\x1b[31m3,Carol",
            "C4\x7f,Dan",
            "C\x855,Eve",
            '"C\t6",Frank',
            "C7,Grace",
        ],
    )
    # 10. NUL inside an id: one row refused, the others stored (both engines)
    write(
        "nul_in_id.csv",
        [
            "order_id,customer_id,date,amount",
            "o1,C1,2024-01-01,10",
            "o2,C\x002,2024-01-02,20",
            "o\x003,C3,2024-01-03,30",
            "o4,C4,2024-01-04,40",
        ],
    )
    # 11. NUL inside a name and a product
    write(
        "nul_in_name.csv",
        [
            "customer_id,name",
            "C1,Alice",
            "C2,Bo\x00b",
            "C3,Carol",
        ],
    )
    write(
        "nul_in_product.csv",
        [
            "customer_id,date,amount,product,category",
            "C1,2024-01-01,10,纸,办公",
            "C2,2024-01-02,20,墨\x00盒,办公",
            "C3,2024-01-03,30,笔,办\x00公",
            "C4,2024-01-04,40,订书机,办公",
        ],
    )
    # 12. other controls in text: tabs and line breaks allowed, ESC and BEL refused
    write(
        "text_controls.csv",
        [
            "customer_id,date,amount,product",
            '"C1",2024-01-01,10,"A4\t纸"',
            '"C2",2024-01-02,20,"\x1b[31m红\x1b[0m"',
            '"C3",2024-01-03,30,"铃\x07"',
            '"C4",2024-01-04,40,"多行\n产品"',
            '"C5",2024-01-05,50,"\x7f"',
        ],
    )
    # 13. a long id (incompressible, so it cannot fit a PostgreSQL index either)
    rng = random.Random(10)
    _ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
    long_id = "".join(rng.choice(_ALNUM) for _ in range(8000))
    write(
        "long_id.csv",
        [
            "order_id,customer_id,date,amount",
            "o1,C1,2024-01-01,10",
            f"o2,{long_id},2024-01-02,20",
            f"{long_id},C3,2024-01-03,30",
            "o4,C4,2024-01-04,40",
        ],
    )
    # 14. ids at the limit: 100 four-byte characters pass, 101 are refused
    write(
        "id_at_limit.csv",
        [
            "customer_id,name",
            f"{'𠀀' * 100},at the limit",
            f"{'𠀁' * 101},over the limit",
            f"{'x' * 100},ascii at the limit",
            f"{'y' * 101},ascii over",
        ],
    )
    # 15. long names: 1000 characters pass, 1001 are refused
    write(
        "long_name.csv",
        [
            "customer_id,name",
            f"C1,{'名' * 1000}",
            f"C2,{'名' * 1001}",
            "C3,Carol",
        ],
    )
    # 16. referrer ids follow the same rule (and a self-referral is seen through it)
    write(
        "referrer_ids.csv",
        [
            "customer_id,name,referred_by",
            "C1,Alice,",
            "C2,Bob,Ｃ１",
            f"C3,Carol,C1{ZWSP}",
            "C4,Dan,\u202eC1",
            "C5,Eve,Ｃ５",
            f"C6,Frank,{NBSP}C2",
        ],
    )
    # 17. survey respondents: one respondent however written
    write(
        "respondents.csv",
        [
            "wave,respondent,competitor,attribute,rating",
            "W1,r1,我们,质量,8",
            "W1,ｒ１,我们,价格,7",
            f"W1,r{ZWSP}1,对手,质量,6",
            "W1,r1,我们,质量,8",
            "W1,ｒ１,对手,质量,5",
            "W1,r\x002,我们,质量,9",
        ],
    )
    # 18. rival names used as keys: full-width and padded names are one competitor
    write(
        "rival_names.csv",
        [
            "wave,respondent,competitor,attribute,rating",
            "W1,r1,ＡＢＣ办公,质量,8",
            "W1,r2,ABC办公,质量,7",
            f"W1,r3,ABC办公{NBSP},质量,6",
            "W1,r4,\u202eCBA办公,质量,5",
            f"W1,r5,XYZ{ZWSP},质量,4",
        ],
    )
    # 19. one respondent's weights: a set that sums to 100 once its id is normalised
    write(
        "weights_respondents.csv",
        [
            "wave,segment,respondent,attribute,kind,weight",
            "W1,大客户,r1,质量,质量,60",
            f"W1,大客户,r1{NBSP},价格,价格,40",
            "W1,大客户,ｒ２,质量,质量,50",
            "W1,大客户,r2,价格,价格,50",
        ],
    )
    # 20. deal ids and rival names in deals
    write(
        "deal_ids.csv",
        [
            "deal_id,date,competitor,outcome,attribute,amount",
            "Ｄ１,2024-01-01,ABC,won,价格,100",
            "D1,2024-01-01,ABC,won,质量,100",
            f"D2{ZWSP},2024-01-02,ＡＢＣ,lost,价格,200",
            "D\x033,2024-01-03,ABC,lost,价格,300",
        ],
    )
    # 21. cost ids: the same cost with an invisible difference is a duplicate
    write(
        "cost_ids.csv",
        [
            "cost_id,customer_id,date,amount,kind",
            "k1,C1,2024-01-01,10,service",
            f"k1{ZWSP},C1,2024-01-01,10,service",
            "ｋ２,Ｃ１,2024-01-02,20,service",
            "k3,C\u202e1,2024-01-03,30,service",
        ],
    )
    # 22. offerings: offering and component names as keys
    write(
        "offerings.csv",
        [
            "segment,offering,component,kind,amount",
            "大客户,ＡＢＣ,产品价值,value,100",
            "大客户,ABC,货币成本,cost,80",
            "大客户,XYZ,产品价值,value,90",
            "大客户,XYZ,货币成本,cost,60",
            "大客户,\x1bXYZ,服务价值,value,10",
        ],
    )
    # 23. events: actor names as keys, the description's length bounded
    write(
        "events.csv",
        [
            "date,actor,effect,description",
            "2024-01-01,ＡＢＣ,up,降价",
            "2024-01-02,ABC,down,提价",
            f"2024-01-03,ABC,up,{'长' * 501}",
            f"2024-01-04,ABC,up,{'长' * 500}",
        ],
    )
    # 24. every id refused: nothing stored, every line named
    write(
        "all_refused.csv",
        [
            "customer_id,date,amount",
            "C\x001,2024-01-01,10",
            "C\u202e2,2024-01-02,20",
        ],
    )


if __name__ == "__main__":
    main()
