"""Keeping customers (docs/keeping.md): complaints, shipments, contacts — the store and
the fronts' texts. The pure libraries' messages are in their own catalogs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "complaints.kind": ("complaints", "投诉"),
    "shipments.kind": ("shipments", "发货记录"),
    "complaints.before_created": (
        "this time is before the complaint was created ({created}); correct the time or "
        "the creation time",
        "该时间早于投诉受理时间（{created}）；请更正该时间或受理时间",
    ),
    "complaints.unknown_customer": (
        "no customer with this id in the ledger; import the customer first, correct the "
        "id, or leave the cell blank and name the contact",
        "客户台账中没有此编号的客户；请先导入该客户、更正编号，或留空并填写联系人",
    ),
    "shipments.unknown_customer": (
        "no customer with this id in the ledger; import the customer first or correct the id",
        "客户台账中没有此编号的客户；请先导入该客户或更正编号",
    ),
}
