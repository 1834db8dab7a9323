"""Messages of the shared validation helpers."""

MESSAGES: dict[str, tuple[str, str]] = {
    "validation.not_a_frame": (
        "{frame}: expected a polars DataFrame, got {got}.",
        "{frame}：需要 polars DataFrame，收到的是 {got}。",
    ),
    "validation.missing_columns": (
        "{frame}: missing column(s) {missing}. The table lacks column(s) the calculation "
        "needs; it has: {found}.",
        "{frame}：缺少列 {missing}。表中缺少计算所需的列；现有列：{found}。",
    ),
    "validation.not_unique": (
        "column '{column}': {count} rows repeat a value (first: {first!r}); each value must be unique.",
        "列“{column}”：{count} 行的值重复（第一个：{first!r}）；每个值必须唯一。",
    ),
    "validation.negative": (
        "column '{column}': {count} rows are negative (first {id_column}={first!r}); "
        "values must be >= 0.",
        "列“{column}”：{count} 行为负数（第一个 {id_column}={first!r}）；值必须 >= 0。",
    ),
    "validation.choice": (
        "{name}: {got!r} is not one of the allowed values; use one of: {allowed}.",
        "{name}：{got!r} 不是允许的取值；请使用以下之一：{allowed}。",
    ),
    "validation.not_a_number": (
        "{name}: {got!r} is not a number; give a finite number.",
        "{name}：{got!r} 不是数字；请给出一个有限的数。",
    ),
    "validation.not_whole": (
        "{name}: {got!r} is not a whole number; give a whole number.",
        "{name}：{got!r} 不是整数；请给出整数。",
    ),
    "validation.number_range": (
        "{name}: {got!r} is out of range; it must satisfy {rule}.",
        "{name}：{got!r} 超出范围；必须满足 {rule}。",
    ),
    "validation.referral_cycle": (
        "The referral links form a cycle: {chain}. Each customer can be referred by only one "
        "customer and nobody can be their own (indirect) referrer.",
        "推荐关系形成了环：{chain}。每位客户只能有一位推荐人，且不能（间接）推荐自己。",
    ),
}
