"""Snapshots, the overview and the customer pages of the workbench."""

MESSAGES: dict[str, tuple[str, str]] = {
    "snapshot.no_params": (
        "a snapshot job takes no parameters but after_job",
        "快照任务只接受 after_job 参数",
    ),
    "snapshot.reason_cursor": (
        "not a page cursor of this list",
        "不是此列表的翻页位置",
    ),
    "snapshot.hint_cursor": (
        "follow the list's own “next page” link, or leave it out for the first page",
        "请使用列表自带的“下一页”链接，或去掉此参数回到第一页",
    ),
    "snapshot.none_yet": (
        "No snapshot of the customers yet: import customers and orders, then refresh.",
        "还没有客户快照：请先导入客户和订单，然后刷新。",
    ),
}
