"""A deterministic demo company: an office-supplies and equipment distributor in China.

:func:`generate_demo` builds customers, orders and costs in the store's
canonical schema from a seed (same seed, same data; docs/demo.md tells the
story and lists every parameter). In short:

- customers are won over ``years`` calendar years, more each year (30 % growth
  a year, a dip around the Spring Festival, few on weekends); about 22 % are
  referred by an earlier customer who is still buying (chains up to four
  levels deep); the rest come through paid channels that cost more;
- each customer buys at their own rate (gamma-distributed) until they silently
  drop out (exponential lifetime with a gamma-distributed dropout rate): the
  Pareto/NBD world, so by the end many customers have churned;
- spend per order is lognormal across customers and gamma within a customer
  (the Gamma-Gamma picture), scaled by company size (SMB, mid-market,
  enterprise), which gives the usual skew: the top 20 % of customers bring
  about three quarters of revenue;
- each customer starts in a home category; some later cross-buy related
  categories, and some move up from basic to standard to premium products;
- cost of goods is 55-80 % of the amount, by category and product line; about
  1 % of orders are (partly) refunded a few days to a month later; every
  customer has an acquisition cost on the day they were won, many have service
  costs, a few have other costs.

Everything is vectorised (NumPy and Polars): 3,000 customers take well under
a tenth of a second, 200,000 customers (1.2 million orders) two to three seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from custvalue.data.preparing import SCHEMAS

__all__ = ["CATEGORIES", "DemoLedger", "demo_period", "generate_demo", "write_demo_files"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class _Category:
    share: float  # probability of being a customer's home category
    price: float  # order size relative to the customer's spend level
    cogs: float  # cost of goods as a share of the amount (basic line)
    products: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]  # basic, standard, premium


#: The product catalogue: five categories, two products in each of three lines.
CATEGORIES: dict[str, _Category] = {
    "办公用品": _Category(
        0.32,
        0.5,
        0.74,
        (
            ("A4复印纸(整箱)", "经济型文具套装"),
            ("标准文具套装", "文件收纳组合"),
            ("高档文具礼盒", "定制办公用品年度包"),
        ),
    ),
    "打印耗材": _Category(
        0.28,
        0.8,
        0.68,
        (
            ("兼容墨盒", "兼容硒鼓"),
            ("原装墨盒", "原装硒鼓"),
            ("原装硒鼓大容量装", "彩色耗材年度包"),
        ),
    ),
    "办公家具": _Category(
        0.12,
        2.5,
        0.64,
        (
            ("基础办公椅", "钢制文件柜"),
            ("人体工学椅", "升降办公桌"),
            ("行政办公套装", "会议室整体方案"),
        ),
    ),
    "IT设备": _Category(
        0.18,
        3.5,
        0.78,
        (
            ("入门激光打印机", "商用笔记本电脑"),
            ("商用多功能一体机", "部门网络存储"),
            ("部门级彩色复合机", "视频会议系统"),
        ),
    ),
    "维保服务": _Category(
        0.10,
        1.5,
        0.60,
        (
            ("单次上门维修", "设备清洁保养"),
            ("年度维保合同", "打印管理服务"),
            ("全包驻场服务", "IT运维外包"),
        ),
    ),
}
_CATS = list(CATEGORIES)
#: cross-buying: from a home category (row) to another category (column), same order as _CATS
_AFFINITY = np.array(
    [
        [0.00, 0.45, 0.30, 0.15, 0.10],
        [0.45, 0.00, 0.05, 0.30, 0.20],
        [0.55, 0.15, 0.00, 0.20, 0.10],
        [0.15, 0.35, 0.10, 0.00, 0.40],
        [0.15, 0.35, 0.05, 0.45, 0.00],
    ]
)
_LINE_PRICE = np.array([1.0, 1.8, 3.2])  # basic, standard, premium
_LINE_COGS = np.array([1.0, 0.96, 0.92])  # better margins on the pricier lines
_VARIANT_PRICE = np.array([0.9, 1.1])

_CITIES = "上海 北京 广州 深圳 杭州 南京 苏州 成都 武汉 天津 重庆 西安".split()
_CITY_P = [0.16, 0.14, 0.10, 0.10, 0.09, 0.07, 0.07, 0.07, 0.06, 0.05, 0.05, 0.04]
_SYLLABLES = list(
    "华信创达恒泰宏远鑫盛瑞丰永利嘉诚博通金辉新元汇德安凯明润中天海正东方佳和合众兴邦卓越"
)
#: industry -> (probability, company-name endings)
_INDUSTRIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "零售": (0.20, ("商贸有限公司", "贸易有限公司", "百货有限公司")),
    "制造": (0.20, ("实业有限公司", "机械制造有限公司", "电子有限公司")),
    "专业服务": (0.16, ("会计师事务所", "律师事务所", "咨询有限公司")),
    "互联网": (0.14, ("网络科技有限公司", "信息技术有限公司", "软件有限公司")),
    "教育": (0.10, ("教育科技有限公司", "培训学校", "文化传播有限公司")),
    "医疗": (0.10, ("医疗器械有限公司", "门诊部", "健康管理有限公司")),
    "物流": (0.10, ("物流有限公司", "供应链管理有限公司", "货运代理有限公司")),
}
_IND = list(_INDUSTRIES)
#: segment -> (probability, purchase-rate factor, spend factor, service-cost factor)
_SEGMENTS: dict[str, tuple[float, float, float, float]] = {
    "SMB": (0.70, 1.0, 1.0, 1.0),
    "Mid-Market": (0.24, 1.5, 2.0, 1.8),
    "Enterprise": (0.06, 2.2, 4.0, 3.0),
}
_SEG = list(_SEGMENTS)

GROWTH = 1.30  # acquisitions per day grow 30 % a year
_MONTH_FACTOR = np.array([0.9, 0.55, 1.15, 1.05, 1.0, 1.0, 0.95, 0.95, 1.1, 0.9, 1.05, 1.05])
_WEEKDAY_FACTOR = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.25, 0.15])  # Monday first
REFERRAL_P = 0.22  # share of customers who try to come through a referral
MAX_REFERRAL_DEPTH = 4
RATE_SHAPE, RATE_SCALE = 2.0, 1.5  # orders a year ~ Gamma(r, 1/alpha)
DROPOUT_SHAPE, DROPOUT_SCALE = 1.2, 0.3  # dropouts a year ~ Gamma(s, 1/beta)
SPEND_MU, SPEND_SIGMA = 6.3, 0.5  # customer spend level (yuan) ~ lognormal
ORDER_SHAPE = 3.0  # spend per order ~ level * Gamma(3, 1/3)
CROSS_A, CROSS_B = 0.8, 3.0  # per-customer cross-buy propensity ~ Beta(a, b)
UPSELLER_P = 0.5  # customers who move up product lines at some point
UPSELL_DAYS = (420.0, 540.0)  # mean wait for basic->standard, standard->premium
REFUND_P = 0.012  # share of repeat orders that get a refund
#: paid channel -> (probability, acquisition cost range in yuan)
_CHANNELS: dict[str, tuple[float, tuple[int, int]]] = {
    "展会": (0.25, (1500, 4000)),
    "线上广告": (0.40, (600, 1800)),
    "电话销售": (0.35, (800, 2500)),
}
_REFERRAL_COST = (150, 500)  # referral reward in yuan
_SERVICE_PER_YEAR = 0.6
_SERVICE_NOTES = ["上门维修", "安装调试", "使用培训", "客服回访"]
_OTHER_P = 0.03
_OTHER_NOTES = ["客户招待", "节日礼品", "物流赔付"]
_OPEN, _CLOSE = 8 * 3600 + 1800, 18 * 3600  # office hours (seconds after midnight)


@dataclass(frozen=True)
class DemoLedger:
    """The demo company's customers, orders and costs (canonical store schema)."""

    customers: pl.DataFrame
    orders: pl.DataFrame
    costs: pl.DataFrame


def _end(start: date, years: int) -> date:
    """``start`` plus ``years`` calendar years (29 February moves to 1 March)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


def demo_period(start: date = date(2020, 1, 1), years: int = 5) -> tuple[date, date]:
    """First and last day of the demo company's history."""
    return start, _end(start, years) - timedelta(days=1)


def _ids(prefix: str, n: int, width: int) -> pl.Series:
    """``prefix`` + 1..n zero-padded to at least ``width`` digits."""
    w = max(width, len(str(n)))
    numbers = pl.int_range(1, n + 1, dtype=pl.Int64, eager=True).cast(pl.String)
    return (prefix + numbers.str.zfill(w)).rename("id")


def _pick(values: list[str], index: IntArray) -> pl.Series:
    return pl.Series(values, dtype=pl.String).gather(pl.Series(index))


def _dates(epoch_day: int, days: IntArray) -> pl.Series:
    return pl.Series(days + epoch_day, dtype=pl.Int32).cast(pl.Date)


def _timestamps(epoch_day: int, days: IntArray, seconds: IntArray) -> pl.Series:
    micros = ((days + epoch_day) * 86_400 + seconds) * 1_000_000
    return pl.Series(micros, dtype=pl.Int64).cast(pl.Datetime("us"))


def _categorical(rng: np.random.Generator, p: list[float], n: int) -> IntArray:
    return rng.choice(len(p), n, p=np.asarray(p) / np.sum(p)).astype(np.int64)


def _acquisition_days(rng: np.random.Generator, n: int, horizon: int, epoch_day: int) -> IntArray:
    """Sorted acquisition days (0-based): growing, seasonal, mostly on weekdays."""
    days = np.arange(horizon, dtype=np.int64)
    stamps = (days + epoch_day).astype("datetime64[D]")
    month = stamps.astype("datetime64[M]").astype(np.int64) % 12
    weekday = (days + epoch_day + 3) % 7  # 1970-01-01 was a Thursday
    weight = GROWTH ** (days / 365.25) * _MONTH_FACTOR[month] * _WEEKDAY_FACTOR[weekday]
    return np.sort(rng.choice(horizon, n, p=weight / weight.sum()).astype(np.int64))


def _referrals(
    rng: np.random.Generator, acquired: IntArray, dies: FloatArray, pull: FloatArray
) -> IntArray:
    """The index of each customer's referrer, or -1.

    A referrer was acquired strictly before the customer (customers are sorted
    by acquisition day), is still buying on that day, and is chosen in
    proportion to ``pull`` (busy, big customers refer more). Chains deeper than
    :data:`MAX_REFERRAL_DEPTH` are shortened by pointing to the grandparent.
    """
    n = len(acquired)
    earlier = np.searchsorted(acquired, acquired, side="left")  # customers won before that day
    cum = np.cumsum(pull)
    referrer = np.full(n, -1, dtype=np.int64)
    todo = np.flatnonzero((rng.random(n) < REFERRAL_P) & (earlier > 0))
    for _ in range(8):  # redraw when the drawn referrer had already left
        if len(todo) == 0:
            break
        target = rng.random(len(todo)) * cum[earlier[todo] - 1]
        pick = np.minimum(np.searchsorted(cum, target, side="right"), earlier[todo] - 1)
        alive = dies[pick] >= acquired[todo]
        referrer[todo[alive]] = pick[alive]
        todo = todo[~alive]
    while True:
        depth = _depths(referrer)
        deep = np.flatnonzero(depth > MAX_REFERRAL_DEPTH)
        if len(deep) == 0:
            return referrer
        referrer[deep] = referrer[referrer[deep]]


def _depths(referrer: IntArray) -> IntArray:
    """How many referral links lead up from each customer (0 for a paid-channel customer)."""
    depth = np.zeros(len(referrer), dtype=np.int64)
    up = referrer.copy()
    while (up >= 0).any():
        has = up >= 0
        depth += has
        up = np.where(has, referrer[np.maximum(up, 0)], -1)
    return depth


def generate_demo(
    *,
    seed: int = 20240101,
    n_customers: int = 3000,
    start: date = date(2020, 1, 1),
    years: int = 5,
) -> DemoLedger:
    """The demo company for ``seed`` (the story is in the module docstring and docs/demo.md).

    All dates fall in ``[start, start + years)``; money is in integer fen.
    """
    if n_customers < 1 or years < 1:
        raise ValueError("n_customers and years must be at least 1")
    rng = np.random.Generator(np.random.PCG64(seed))
    n = int(n_customers)
    epoch_day = (start - date(1970, 1, 1)).days
    horizon = (_end(start, years) - start).days
    end_day = horizon - 1

    # --- customers, sorted by acquisition day ---------------------------------------------
    acquired = _acquisition_days(rng, n, horizon, epoch_day)
    city = _categorical(rng, _CITY_P, n)
    industry = _categorical(rng, [_INDUSTRIES[i][0] for i in _IND], n)
    segment = _categorical(rng, [_SEGMENTS[s][0] for s in _SEG], n)
    seg_rate, seg_spend, seg_service = (
        np.array([_SEGMENTS[s][k] for s in _SEG])[segment] for k in (1, 2, 3)
    )

    # purchase process (Pareto/NBD + Gamma-Gamma): rate, dropout, spend level
    rate = rng.gamma(RATE_SHAPE, RATE_SCALE, n) * seg_rate  # orders a year
    dropout = rng.gamma(DROPOUT_SHAPE, DROPOUT_SCALE, n)  # dropouts a year
    dies = acquired + rng.exponential(1.0, n) / dropout * 365.25
    last_active = np.minimum(dies, end_day).astype(np.int64)
    span = last_active - acquired  # days the customer buys
    spend = rng.lognormal(SPEND_MU, SPEND_SIGMA, n) * seg_spend  # yuan per order

    referrer = _referrals(rng, acquired, dies, rate * np.sqrt(spend))
    referred = referrer >= 0
    # customers refer people they know: same city mostly, same industry often
    same_city = referred & (rng.random(n) < 0.7)
    city = np.where(same_city, city[np.maximum(referrer, 0)], city)
    same_industry = referred & (rng.random(n) < 0.5)
    industry = np.where(same_industry, industry[np.maximum(referrer, 0)], industry)

    ids = _ids("C", n, 5)
    ending = rng.integers(0, 3, n)
    endings = [e for i in _IND for e in _INDUSTRIES[i][1]]
    parts = pl.DataFrame(
        {
            "city": _pick(_CITIES, city),
            "a": _pick(_SYLLABLES, rng.integers(0, len(_SYLLABLES), n)),
            "b": _pick(_SYLLABLES, rng.integers(0, len(_SYLLABLES), n)),
            "ending": _pick(endings, industry * 3 + ending),
            "industry": _pick(_IND, industry),
            "segment": _pick(_SEG, segment),
        }
    )
    customers = pl.DataFrame(
        {
            "customer_id": ids,
            "name": parts.select(pl.concat_str("city", "a", "b", "ending")).to_series(),
            "attributes": parts.select(
                pl.struct("city", "industry", "segment").struct.json_encode()
            ).to_series(),
            "acquired_on": _dates(epoch_day, acquired),
            "referred_by": ids.gather(pl.Series(np.maximum(referrer, 0))).scatter(
                np.flatnonzero(~referred), None
            ),
        }
    )

    # --- orders --------------------------------------------------------------------------
    counts = 1 + rng.poisson(rate * span / 365.25)  # the first order on the day won
    owner = np.repeat(np.arange(n), counts)
    m = len(owner)
    first = np.zeros(m, dtype=bool)
    first[np.cumsum(counts) - counts] = True
    offset = np.where(first, 0, (rng.random(m) * (span[owner] + 1)).astype(np.int64))
    day = acquired[owner] + offset
    weekday = (day + epoch_day + 3) % 7
    to_monday = day + (7 - weekday)
    to_friday = day - (weekday - 4)
    weekend = (weekday >= 5) & ~first
    day = np.where(
        weekend & (to_monday <= end_day),
        to_monday,
        np.where(weekend & (to_friday >= acquired[owner]), to_friday, day),
    )
    seconds = rng.integers(_OPEN, _CLOSE, m)
    order = np.argsort((owner * horizon + day) * 86_400 + seconds, kind="stable")
    owner, day, seconds = owner[order], day[order], seconds[order]
    seq = np.arange(m) - np.repeat(np.cumsum(counts) - counts, counts)  # 0 = first order

    home = _categorical(rng, [CATEGORIES[c].share for c in _CATS], n)
    propensity = rng.beta(CROSS_A, CROSS_B, n)
    cross = rng.random(m) < propensity[owner] * np.minimum(1.0, seq / 4.0)
    cum_aff = np.cumsum(_AFFINITY, axis=1)
    cum_aff /= cum_aff[:, -1:]
    other = (rng.random(m)[:, None] > cum_aff[home[owner]]).sum(axis=1)
    category = np.where(cross, other, home[owner]).astype(np.int64)

    upseller = rng.random(n) < UPSELLER_P
    wait1 = rng.exponential(UPSELL_DAYS[0], n)
    wait2 = wait1 + rng.exponential(UPSELL_DAYS[1], n)
    since = day - acquired[owner]
    level = np.where(upseller[owner], (since >= wait1[owner]) + (since >= wait2[owner]), 0)
    line = np.where(category == home[owner], level, np.maximum(level - 1, 0)).astype(np.int64)
    variant = (rng.integers(0, 2, n)[owner] + category) % 2  # a customer keeps to one variant
    product = category * 6 + line * 2 + variant

    cat_price = np.array([CATEGORIES[c].price for c in _CATS])
    cat_cogs = np.array([CATEGORIES[c].cogs for c in _CATS])
    yuan = (
        spend[owner]
        * cat_price[category]
        * _LINE_PRICE[line]
        * _VARIANT_PRICE[variant]
        * rng.gamma(ORDER_SHAPE, 1.0 / ORDER_SHAPE, m)
    )
    amount = np.maximum(np.round(yuan * 2), 10).astype(np.int64) * 50  # to 0.50 yuan
    share = np.clip(cat_cogs[category] * _LINE_COGS[line] * rng.uniform(0.95, 1.05, m), 0.55, 0.8)
    cost = np.round(amount * share).astype(np.int64)

    # order ids follow the calendar
    chrono = np.argsort((day * 86_400 + seconds) * n + owner, kind="stable")
    owner, day, seconds, seq = owner[chrono], day[chrono], seconds[chrono], seq[chrono]
    category, product = category[chrono], product[chrono]
    amount, cost = amount[chrono], cost[chrono]
    order_ids = _ids("SO", m, 7)
    products = [p for c in _CATS for pair in CATEGORIES[c].products for p in pair]
    sales = pl.DataFrame(
        {
            "order_id": order_ids,
            "customer_id": ids.gather(pl.Series(owner)),
            "ordered_at": _timestamps(epoch_day, day, seconds),
            "amount_cents": amount,
            "cost_cents": cost,
            "product": _pick(products, product),
            "category": _pick(_CATS, category),
            "kind": pl.repeat(None, m, dtype=pl.String, eager=True),
        }
    )

    # refunds: a returned or partly credited repeat order, 3-30 days later
    delay = rng.integers(3, 31, m)
    rows = np.flatnonzero((rng.random(m) < REFUND_P) & (seq > 0) & (day + delay <= end_day))
    whole = rng.random(len(rows)) < 0.5  # the goods came back; otherwise a credit note
    credit = np.round(amount[rows] * rng.uniform(0.2, 0.5, len(rows)) / 100).astype(np.int64)
    refund_amount = -np.where(whole, amount[rows], np.maximum(credit, 1) * 100)
    refunds = pl.DataFrame(
        {
            "order_id": order_ids.gather(pl.Series(rows)) + "-R",
            "customer_id": ids.gather(pl.Series(owner[rows])),
            "ordered_at": _timestamps(
                epoch_day, day[rows] + delay[rows], rng.integers(_OPEN, _CLOSE, len(rows))
            ),
            "amount_cents": refund_amount,
            "cost_cents": np.zeros(len(rows), dtype=np.int64),
            "product": _pick(products, product[rows]),
            "category": _pick(_CATS, category[rows]),
            "kind": pl.repeat("refund", len(rows), dtype=pl.String, eager=True),
        }
    )
    orders = pl.concat([sales, refunds]).sort("ordered_at", maintain_order=True)

    # --- costs ---------------------------------------------------------------------------
    channel = _categorical(rng, [p for p, _ in _CHANNELS.values()], n)
    low = np.array([r[0] for _, r in _CHANNELS.values()])[channel]
    high = np.array([r[1] for _, r in _CHANNELS.values()])[channel]
    paid = rng.uniform(low, high) * np.sqrt(seg_spend)
    reward = rng.uniform(*_REFERRAL_COST, n)
    acq_amount = np.round(np.where(referred, reward, paid)).astype(np.int64) * 100
    acq_note = np.where(referred, "推荐", np.array(list(_CHANNELS))[channel])

    n_service = rng.poisson(_SERVICE_PER_YEAR * seg_service * (span + 1) / 365.25)
    s_owner = np.repeat(np.arange(n), n_service)
    s_day = acquired[s_owner] + (rng.random(len(s_owner)) * (span[s_owner] + 1)).astype(np.int64)
    s_amount = np.maximum(np.round(rng.lognormal(5.3, 0.6, len(s_owner)) / 10), 3) * 1000
    s_note = rng.integers(0, len(_SERVICE_NOTES), len(s_owner))

    o_owner = np.flatnonzero(rng.random(n) < _OTHER_P)
    o_day = acquired[o_owner] + (rng.random(len(o_owner)) * (span[o_owner] + 1)).astype(np.int64)
    o_amount = rng.integers(2, 31, len(o_owner)) * 5000
    o_note = rng.integers(0, len(_OTHER_NOTES), len(o_owner))

    c_owner = np.concatenate([np.arange(n), s_owner, o_owner])
    c_day = np.concatenate([acquired, s_day, o_day])
    c_kind = np.repeat(np.arange(3), [n, len(s_owner), len(o_owner)])
    c_order = np.argsort((c_day * n + c_owner) * 3 + c_kind, kind="stable")
    notes = pl.concat(
        [
            pl.Series(acq_note, dtype=pl.String),
            _pick(_SERVICE_NOTES, s_note),
            _pick(_OTHER_NOTES, o_note),
        ]
    )
    costs = pl.DataFrame(
        {
            "cost_id": _ids("CS", len(c_owner), 6),
            "customer_id": ids.gather(pl.Series(c_owner[c_order])),
            "incurred_on": _dates(epoch_day, c_day[c_order]),
            "amount_cents": np.concatenate([acq_amount, s_amount, o_amount])[c_order].astype(
                np.int64
            ),
            "kind": _pick(["acquisition", "service", "other"], c_kind[c_order]),
            "note": notes.gather(pl.Series(c_order)),
        }
    )
    return DemoLedger(
        customers=_conform(customers, _CUSTOMERS),
        orders=_conform(orders, _ORDERS),
        costs=_conform(costs, _COSTS),
    )


_CUSTOMERS = pl.Schema(
    {
        "customer_id": pl.String(),
        "name": pl.String(),
        "attributes": pl.String(),
        "acquired_on": pl.Date(),
        "referred_by": pl.String(),
    }
)
# the store's canonical columns (the stored key_source is added on load)
_ORDERS = pl.Schema({k: v for k, v in SCHEMAS["orders"].items() if k != "key_source"})
_COSTS = pl.Schema(SCHEMAS["costs"])


def _conform(frame: pl.DataFrame, schema: pl.Schema) -> pl.DataFrame:
    """``frame`` with exactly ``schema``'s columns, in its order and dtypes."""
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())


def _money(column: str, name: str) -> pl.Expr:
    """Integer fen as yuan text with two decimals (exact: no floats involved)."""
    fen = pl.col(column)
    sign = pl.when(fen < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    whole = (fen.abs() // 100).cast(pl.String)
    cents = (fen.abs() % 100).cast(pl.String).str.zfill(2)
    return pl.concat_str(sign, whole, pl.lit("."), cents).alias(name)


def write_demo_files(directory: Path, ledger: DemoLedger) -> dict[str, Path]:
    """Write customers.csv, orders.csv and costs.csv (UTF-8) for ``custvalue import``.

    Headers are English, dates ``YYYY-MM-DD``, times ``YYYY-MM-DD HH:MM:SS``,
    money in yuan with two decimals, an empty cell for a missing value; the
    customers' attributes become the columns city, industry and segment.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    attrs = pl.Struct({"city": pl.String, "industry": pl.String, "segment": pl.String})
    customers = ledger.customers.select(
        "customer_id",
        "name",
        pl.col("acquired_on").dt.strftime("%Y-%m-%d"),
        "referred_by",
        pl.col("attributes").str.json_decode(attrs).struct.unnest(),
    )
    orders = ledger.orders.select(
        "order_id",
        "customer_id",
        pl.col("ordered_at").dt.strftime("%Y-%m-%d %H:%M:%S"),
        _money("amount_cents", "amount"),
        _money("cost_cents", "cost"),
        "product",
        "category",
        "kind",
    )
    costs = ledger.costs.select(
        "cost_id",
        "customer_id",
        pl.col("incurred_on").dt.strftime("%Y-%m-%d").alias("date"),
        _money("amount_cents", "amount"),
        "kind",
        "note",
    )
    paths = {name: directory / f"{name}.csv" for name in ("customers", "orders", "costs")}
    customers.write_csv(paths["customers"])
    orders.write_csv(paths["orders"])
    costs.write_csv(paths["costs"])
    return paths
