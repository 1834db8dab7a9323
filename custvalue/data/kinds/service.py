"""The keeping-customers kinds (docs/keeping.md): complaint history from a helpdesk
export (``custvalue import complaints``) and shipments for the proactive notices
(``custvalue import shipments``).

Complaints are keyed by their number (a helpdesk's ticket number); a helpdesk's statuses
and severities are read in English or Chinese and mapped to custvalue's codes. The
export's own deadlines are kept when it has them; otherwise the SLA report computes
them from the working calendar in force. Times must not come before the complaint was
created (each such cell is refused by line, column and value).
"""

from __future__ import annotations

import polars as pl

from custvalue.data.columns import COLUMNS as LEDGER_COLUMNS
from custvalue.data.kinds.voice import _whole
from custvalue.data.rejection import Rejection
from custvalue.data.spec import CheckContext, Field, TableSpec

__all__ = ["CHANNELS", "COMPLAINTS", "SEVERITIES", "SHIPMENTS", "STATUSES"]

#: complaint severity: spelling -> code (CONVENTIONS §6: 一般, 重大, 紧急)
SEVERITIES: dict[str, str] = {
    "ordinary": "ordinary", "normal": "ordinary", "low": "ordinary", "一般": "ordinary",
    "普通": "ordinary", "轻微": "ordinary",
    "major": "major", "high": "major", "serious": "major", "重大": "major", "严重": "major",
    "较重": "major",
    "urgent": "urgent", "critical": "urgent", "紧急": "urgent", "加急": "urgent",
    "特急": "urgent",
}  # fmt: skip
#: how a complaint reached us
CHANNELS: dict[str, str] = {
    "phone": "phone", "call": "phone", "电话": "phone", "热线": "phone",
    "email": "email", "e-mail": "email", "mail": "email", "邮件": "email", "电子邮件": "email",
    "wechat": "wechat", "微信": "wechat",
    "visit": "visit", "in person": "visit", "上门": "visit", "来访": "visit", "当面": "visit",
    "web": "web", "online": "web", "website": "web", "网站": "web", "在线": "web", "网页": "web",
    "letter": "letter", "信函": "letter", "书面": "letter",
    "other": "other", "其他": "other",
}  # fmt: skip
#: a helpdesk's statuses -> the complaint workflow's (docs/keeping.md §2)
STATUSES: dict[str, str] = {
    "received": "received", "new": "received", "open": "received", "受理": "received",
    "已受理": "received", "新建": "received", "待处理": "received",
    "investigating": "investigating", "assigned": "investigating", "调查": "investigating",
    "调查中": "investigating", "已分派": "investigating",
    "resolving": "resolving", "in progress": "resolving", "pending": "resolving",
    "处理": "resolving", "处理中": "resolving",
    "replied": "replied", "solved": "replied", "resolved": "replied", "反馈": "replied",
    "已反馈": "replied", "已解决": "replied",
    "callback": "callback", "回访": "callback", "待回访": "callback",
    "closed": "closed", "done": "closed", "关闭": "closed", "已关闭": "closed",
    "已结案": "closed", "结案": "closed",
}  # fmt: skip

_TIMES = ("responded_at", "resolved_at", "closed_at", "response_due", "resolution_due")


def _after_creation(
    rows: pl.DataFrame, context: CheckContext
) -> tuple[pl.DataFrame, list[Rejection]]:
    """Every time of a complaint comes at or after its creation."""
    out: list[Rejection] = []
    for column in _TIMES:
        early = rows.filter(pl.col(column).is_not_null() & (pl.col(column) < pl.col("created_at")))
        out += [
            Rejection(
                int(line),
                context.header(column),
                f"{value:%Y-%m-%d %H:%M}",
                "complaints.before_created",
                {"created": f"{created:%Y-%m-%d %H:%M}"},
            )
            for line, value, created in early.select("_line", column, "created_at").iter_rows()
        ]
    if not out:
        return rows, []
    bad = sorted({r.line for r in out})
    return rows.filter(~pl.col("_line").is_in(bad)), out


def _time(name: str, synonyms: tuple[str, ...]) -> Field:
    return Field(name, "datetime", synonyms, required=False)


COMPLAINTS = TableSpec(
    "complaints.kind",
    (
        Field(
            "number",
            "id",
            (
                "投诉编号",
                "投诉单号",
                "工单号",
                "工单编号",
                "编号",
                "ticket",
                "ticket_id",
                "ticket number",
                "complaint_id",
                "complaint number",
                "case number",
            ),
        ),  # fmt: skip
        Field("customer_id", "id", LEDGER_COLUMNS["orders"]["customer_id"], required=False),
        Field("contact", "text", ("联系人", "投诉人", "客户姓名", "contact name"), required=False),
        Field("order_id", "id", ("订单号", "订单编号", "order", "order number"), required=False),
        Field(
            "channel",
            "choice",
            ("渠道", "投诉渠道", "来源", "source"),
            required=False,
            choices=CHANNELS,
            default="other",
        ),  # fmt: skip
        Field("category", "key", ("类别", "投诉类别", "问题类型", "分类", "type", "ticket type")),
        Field(
            "severity",
            "choice",
            ("严重程度", "级别", "等级", "优先级", "priority", "level"),
            required=False,
            choices=SEVERITIES,
            default="ordinary",
        ),  # fmt: skip
        Field("description", "text", ("内容", "投诉内容", "问题描述", "描述", "text", "subject")),
        Field("status", "choice", ("状态", "处理状态", "stage", "state"), choices=STATUSES),
        Field("team", "key", ("团队", "处理团队", "部门", "组", "group"), required=False),
        Field("assignee", "text", ("处理人", "负责人", "经办人", "owner", "agent"), required=False),
        Field("root_cause", "key", ("原因", "根本原因", "原因分类", "cause"), required=False),
        Field("created_at", "datetime", ("受理时间", "创建时间", "投诉时间", "created", "opened")),
        _time("responded_at", ("响应时间", "首次响应", "first response", "responded")),
        _time("resolved_at", ("解决时间", "反馈时间", "solved", "resolved")),
        _time("closed_at", ("关闭时间", "结案时间", "closed")),
        Field(
            "callback_score",
            "number",
            ("回访满意度", "满意度", "评分", "rating", "satisfaction"),
            required=False,
            minimum=1,
            maximum=5,
        ),  # fmt: skip
        _time("response_due", ("响应期限", "响应截止", "response deadline", "sla response")),
        _time("resolution_due", ("解决期限", "处理期限", "resolution deadline", "sla deadline")),
    ),
    kind="complaints",
    key=("number",),
    table="complaints",
    duplicates="refuse_all",
    checks=(_after_creation, _whole("callback_score")),
)

SHIPMENTS = TableSpec(
    "shipments.kind",
    (
        Field("shipment_id", "id", ("发货单号", "运单号", "发货编号", "shipment", "delivery id")),
        Field("order_id", "id", ("订单号", "订单编号", "order", "order number"), required=False),
        Field("customer_id", "id", LEDGER_COLUMNS["orders"]["customer_id"]),
        Field("product_spec", "text", ("产品规格", "规格", "品名规格", "产品", "product", "spec")),
        Field("quantity", "number", ("数量", "发货数量", "qty"), minimum=0),
        Field("shipped_at", "datetime", ("发货时间", "发车时间", "ship time", "shipped")),
        Field("truck_no", "text", ("车号", "车牌号", "车牌", "truck", "truck number", "plate")),
        Field("driver_phone", "text", ("司机电话", "司机手机", "司机联系方式", "driver phone")),
        Field("expected_at", "datetime", ("预计到达", "预计到货", "到货时间", "eta", "arrival")),
        Field("email", "text", ("邮箱", "电子邮箱", "收件邮箱", "e-mail", "mail"), required=False),
    ),
    kind="shipments",
    key=("shipment_id",),
    table="shipments",
    duplicates="refuse_all",
)
