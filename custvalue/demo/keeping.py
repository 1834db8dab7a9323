"""The demo company's complaint history and shipments (docs/keeping.md §2–3).

Generated with a seed from the demo ledger, the same frames for the same ledger and
seed, loaded through the importer like a helpdesk export and a shipping file:

* ``complaints``: about 6 % of the customers complain once a year or so, a few of them
  twice; most complaints follow an order by one to five days (delivery, quality,
  invoices, service, price); teams 物流组 / 质检组 / 财务组 / 客服组; most are closed
  after a call-back (satisfaction 3–5, a few unreachable), the last weeks' still open;
  about one in six is resolved late, so the SLA report has failures to show. The
  export carries no deadlines: they come from the working calendar in force.
* ``shipments``: the orders of the ledger's last two weeks, with the five facts of the
  shipment notice (product and quantity, ship time, truck number, driver's phone,
  expected arrival) and, for most customers, an e-mail address.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

if TYPE_CHECKING:
    from custvalue.demo.company import DemoLedger

__all__ = ["generate_demo_keeping"]

#: category -> (team, share, a few texts as customers say them, root causes)
_CATEGORIES: dict[str, tuple[str, float, tuple[str, ...], tuple[str, ...]]] = {
    "送货延迟": (
        "物流组", 0.34, ("约定三天送到，一周了还没到", "送货时间一再推迟", "到货比承诺晚两天"),
        ("仓库漏发", "承运商延误", "地址信息错误"),
    ),
    "产品质量": (
        "质检组", 0.26, ("硒鼓漏粉，弄脏了文件", "纸张受潮卷边", "椅子扶手松动"),
        ("供应商批次问题", "仓储受潮", "安装不当"),
    ),
    "发票错误": ("财务组", 0.14, ("发票抬头开错了", "发票金额与订单不符"), ("开票信息录入错误",)),
    "服务态度": ("客服组", 0.14, ("客服电话没人接", "送货员态度不好"), ("人手不足", "培训不到位")),
    "价格争议": (
        "客服组", 0.12, ("报价与合同价不一致", "返利没有按时到账"),
        ("价格表未更新", "返利流程延误"),
    ),
}  # fmt: skip
_PEOPLE = {
    "物流组": ("刘工", "陈工"), "质检组": ("王工",), "财务组": ("赵会计",),
    "客服组": ("孙经理", "李专员"),
}  # fmt: skip
_CHANNELS = ("phone", "phone", "phone", "wechat", "wechat", "email", "visit", "web")
_SEVERITY = (("ordinary", 0.75), ("major", 0.2), ("urgent", 0.05))
#: working days to resolve, by how it went: on time (most), late (about one in six)
_ON_TIME_DAYS, _LATE_DAYS = (0.3, 2.5), (3.5, 9.0)


def _at_work(moment: datetime, rng: np.random.Generator) -> datetime:
    """``moment`` moved into office hours (a complaint is taken at 09:00–17:30)."""
    hour = int(rng.integers(9, 18))
    minute = int(rng.integers(0, 60)) if hour < 17 else int(rng.integers(0, 30))
    day = moment.date()
    while day.weekday() >= 5:  # Saturday and Sunday calls reach the desk on Monday
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute)


def _complaints(ledger: DemoLedger, rng: np.random.Generator) -> pl.DataFrame:
    orders = ledger.orders.filter(pl.col("amount_cents") > 0).select(
        "order_id", "customer_id", "ordered_at"
    )
    end = orders["ordered_at"].max()
    assert isinstance(end, datetime)
    picked = orders.sample(fraction=0.012, seed=int(rng.integers(2**31)), shuffle=True)
    names = list(_CATEGORIES)
    shares = np.array([_CATEGORIES[c][1] for c in names])
    severities = [s for s, _ in _SEVERITY]
    weights = np.array([w for _, w in _SEVERITY])
    rows = []
    per_day: dict[str, int] = {}
    for order_id, customer_id, ordered_at in picked.sort("ordered_at").iter_rows():
        created = _at_work(ordered_at + timedelta(days=int(rng.integers(1, 6))), rng)
        if created > end:
            continue
        category = names[int(rng.choice(len(names), p=shares / shares.sum()))]
        team, _, texts, causes = _CATEGORIES[category]
        severity = severities[int(rng.choice(3, p=weights))]
        day = f"{created:%Y%m%d}"
        per_day[day] = per_day.get(day, 0) + 1
        number = f"TS{day}-{per_day[day]:04d}"
        responded = created + timedelta(minutes=int(rng.integers(20, 60 * 20)))
        late = rng.random() < 0.17
        low, high = _LATE_DAYS if late else _ON_TIME_DAYS
        resolved = created + timedelta(days=float(rng.uniform(low, high)) * 7 / 5)
        recent = (end - created).days < 21
        if recent and rng.random() < 0.7:  # the last weeks: still being handled
            status, resolved_at, closed_at, score = "resolving", None, None, None
            responded_at = responded if rng.random() < 0.8 else None
        else:
            status, resolved_at, responded_at = "closed", resolved, responded
            closed_at = resolved + timedelta(days=int(rng.integers(1, 4)))
            score = None if rng.random() < 0.06 else float(rng.choice([3, 4, 4, 5, 5, 5]))
            score = min(score, 3.0) if (late and score is not None) else score
        rows.append({
            "number": number, "customer_id": customer_id, "order_id": order_id,
            "channel": _CHANNELS[int(rng.integers(len(_CHANNELS)))], "category": category,
            "severity": severity, "description": texts[int(rng.integers(len(texts)))],
            "status": status, "team": team,
            "assignee": _PEOPLE[team][int(rng.integers(len(_PEOPLE[team])))],
            "root_cause": causes[int(rng.integers(len(causes)))] if status == "closed" else None,
            "created_at": created, "responded_at": responded_at, "resolved_at": resolved_at,
            "closed_at": closed_at, "callback_score": score,
        })  # fmt: skip
    schema: dict[str, pl.DataType] = {
        "number": pl.String(), "customer_id": pl.String(), "order_id": pl.String(),
        "channel": pl.String(), "category": pl.String(), "severity": pl.String(),
        "description": pl.String(), "status": pl.String(), "team": pl.String(),
        "assignee": pl.String(), "root_cause": pl.String(), "created_at": pl.Datetime("us"),
        "responded_at": pl.Datetime("us"), "resolved_at": pl.Datetime("us"),
        "closed_at": pl.Datetime("us"), "callback_score": pl.Float64(),
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


_TRUCKS = ("沪A·D1234", "沪B·K5678", "苏E·Q2468", "浙A·M1357")
_DRIVERS = ("13800138001", "13900139002", "13700137003", "13600136004")


def _shipments(ledger: DemoLedger, rng: np.random.Generator) -> pl.DataFrame:
    orders = ledger.orders.filter(pl.col("amount_cents") > 0)
    end = orders["ordered_at"].max()
    assert isinstance(end, datetime)
    recent = orders.filter(pl.col("ordered_at") > end - timedelta(days=14)).sort("ordered_at")
    rows = []
    for k, (order_id, customer_id, ordered_at, product) in enumerate(
        recent.select("order_id", "customer_id", "ordered_at", "product").iter_rows()
    ):
        shipped = datetime(ordered_at.year, ordered_at.month, ordered_at.day, 8) + timedelta(days=1)
        truck = int(rng.integers(len(_TRUCKS)))
        rows.append({
            "shipment_id": f"FH{shipped:%y%m%d}-{k + 1:03d}", "order_id": order_id,
            "customer_id": customer_id, "product_spec": product or "办公用品",
            "quantity": float(rng.integers(1, 40)), "shipped_at": shipped,
            "truck_no": _TRUCKS[truck], "driver_phone": _DRIVERS[truck],
            "expected_at": shipped + timedelta(hours=int(rng.integers(6, 30))),
            "email": f"{customer_id.lower()}@example.com" if rng.random() < 0.85 else None,
        })  # fmt: skip
    schema: dict[str, pl.DataType] = {
        "shipment_id": pl.String(), "order_id": pl.String(), "customer_id": pl.String(),
        "product_spec": pl.String(), "quantity": pl.Float64(), "shipped_at": pl.Datetime("us"),
        "truck_no": pl.String(), "driver_phone": pl.String(), "expected_at": pl.Datetime("us"),
        "email": pl.String(),
    }  # fmt: skip
    return pl.DataFrame(rows, schema=schema)


def generate_demo_keeping(ledger: DemoLedger, *, seed: int = 20240101) -> dict[str, pl.DataFrame]:
    """The demo's complaint history and shipments, kind -> frame (import columns)."""
    rng = np.random.default_rng(seed + 13_013)
    return {"complaints": _complaints(ledger, rng), "shipments": _shipments(ledger, rng)}


#: who looks after the demo's customers: key customers have their own account manager
OWNERS = {"key": ("张经理", "李经理"), "develop": ("王专员", "赵专员"), "ordinary": ("客服中心",)}
#: the hotel group's venues the demo cards are used at
VENUES = ("rooms", "restaurant", "spa")


def demo_card_plan(
    customers: list[str], end: datetime, *, seed: int = 20240101
) -> list[tuple[str, str, dict[str, object]]]:
    """What the demo's member cards go through in the ledger's last year, per customer:
    (customer, operation, arguments) in time order — a recharge, bills at the group's
    venues paid from stored value and points, and one refund."""
    rng = np.random.default_rng(seed + 17)
    first = (end - timedelta(days=330)).date()
    start = datetime(first.year, first.month, first.day, 10)
    plan: list[tuple[str, str, dict[str, object]]] = []
    for k, customer in enumerate(customers):
        at = start + timedelta(days=int(rng.integers(0, 30)), hours=10)
        plan.append((customer, "open", {"at": at}))
        plan.append((customer, "recharge", {"amount_cents": int(rng.choice([5, 10, 20])) * 100_000,
                                            "at": at + timedelta(minutes=5)}))  # fmt: skip
        for n in range(int(rng.integers(2, 6))):
            day = (at + timedelta(days=int(rng.integers(20, 60)))).date()
            at = datetime(day.year, day.month, day.day, int(rng.integers(11, 21)))
            if at >= end:
                break
            amount = int(rng.integers(8, 60)) * 10_000
            plan.append((customer, "spend", {
                "amount_cents": amount, "ref": f"B{k + 1:03d}-{n + 1}",
                "venue": VENUES[int(rng.integers(len(VENUES)))], "at": at,
                "stored": bool(rng.random() < 0.8), "points": bool(n and rng.random() < 0.4),
            }))  # fmt: skip
        if k % 7 == 3:
            plan.append(
                (customer, "refund", {"ref": f"B{k + 1:03d}-1", "at": at + timedelta(days=1)})
            )
    return plan
