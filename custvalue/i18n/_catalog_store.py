"""Messages of the store side of imports (checks against what is already stored)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.conflicts_existing": (
        "{key!s} is already stored with different content; fix the row or give it a new id",
        "{key!s} 已存在且内容不同；请修改该行或给它一个新的编号",
    ),
    "store.unknown_referrer": (
        "referrer {value!s} is not a known customer; import the referrer first or add them "
        "to this file",
        "推荐人 {value!s} 不是已知客户；请先导入推荐人，或把推荐人加入本文件",
    ),
    "store.referrer_conflict": (
        "customer {customer!s} already has referrer {current!s}; the first referrer stays "
        "(each referred customer is credited to one referrer)",
        "客户 {customer!s} 已有推荐人 {current!s}；保留首个推荐人（每位被推荐客户只归属一位推荐人）",
    ),
    "store.referral_cycle": (
        "this referral would close a cycle ({chain}); nobody can be their own (indirect) referrer",
        "该推荐关系会形成环（{chain}）；任何人都不能（间接）推荐自己",
    ),
    "store.strict_failed": (
        "{file}: {count} bad row(s) (first at line {line}); nothing was imported because of "
        "--strict. Fix them, or import without --strict to load the good rows.",
        "{file}：有 {count} 行错误（第一处在第 {line} 行）；因为使用了 --strict，没有导入任何数据。"
        "请修正这些行，或去掉 --strict 只导入正确的行。",
    ),
}
