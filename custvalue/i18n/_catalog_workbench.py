"""The workbench's overview, customer and job pages, and their charts."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- freshness of the snapshot behind a page
    "snapshotpage.fresh_line": (
        "Figures of the ledger as of {as_of}, computed {at} UTC for {customers} customers",
        "数据截至 {as_of}，于 {at}（UTC）为 {customers} 位客户计算",
    ),
    "snapshotpage.imports_since": (
        "{n} import(s) since: not included yet",
        "此后有 {n} 次导入：尚未计入",
    ),
    "snapshotpage.clv_since": (
        "a newer CLV run ({run}) is not included yet",
        "更新的 CLV 运行（{run}）尚未计入",
    ),
    "snapshotpage.none": (
        "No figures computed yet.",
        "尚未计算任何数据。",
    ),
    "snapshotpage.pending": ("refresh under way (job {job})", "正在刷新（任务 {job}）"),
    "snapshotpage.refresh": ("Refresh now", "立即刷新"),
    "snapshotpage.figure_note": (
        "Snapshot {id}, ledger as of {as_of}",
        "快照 {id}，数据截至 {as_of}",
    ),
    # -- overview
    "overview.title": ("Overview", "概览"),
    "overview.kpis": ("Key figures", "关键指标"),
    "overview.store": ("Database:", "数据库："),
    "overview.empty_none": (
        "The store holds no data yet.",
        "数据库中还没有数据。",
    ),
    "overview.empty_how": (
        "Import customers and orders first: on the command line with "
        "custvalue import customers FILE and custvalue import orders FILE, or try the demo "
        "with custvalue demo. The figures appear here once they are computed.",
        "请先导入客户和订单：在命令行运行 custvalue import customers 文件 和 "
        "custvalue import orders 文件，或运行 custvalue demo 试用示例数据。计算完成后数据将显示在这里。",
    ),
    "overview.empty_waiting": (
        "The store holds data, but its figures have not been computed yet: they are "
        "computed in the background after each import (or ask for a refresh).",
        "数据库中已有数据，但尚未计算指标：每次导入后会在后台自动计算（也可手动刷新）。",
    ),
    "overview.tables": ("Customers per tier, segment and class", "按等级、细分和类别的客户数"),
    "overview.table_tiers": ("Tiers", "客户等级"),
    "overview.table_segments": ("RFM segments", "RFM 细分"),
    "overview.table_classes": ("Classes", "客户类别"),
    "overview.kpi_customers": ("Customers", "客户数"),
    "overview.kpi_buyers": ("Customers who bought", "有购买的客户"),
    "overview.kpi_revenue": ("Revenue (¥)", "收入（元）"),
    "overview.kpi_realized_value": ("Realized value (¥)", "既成价值（元）"),
    "overview.kpi_sustained_value": (
        "Sustained value, with referrals (¥)",
        "持续价值（含推荐，元）",
    ),
    "overview.kpi_referral_net": ("Referral net (¥)", "推荐净收入（元）"),
    "overview.kpi_revenue_last_12m": ("Revenue, last 12 months (¥)", "近 12 个月收入（元）"),
    "overview.kpi_clv": ("CLV, expected future value (¥)", "客户终身价值 CLV（预期，元）"),
    "overview.kpi_top_value_share": (
        "Value share of the top 20 % of customers",
        "前 20% 客户的价值占比",
    ),
    "overview.kpi_customers_for_80pct_revenue": (
        "Share of customers bringing 80 % of revenue",
        "贡献 80% 收入的客户占比",
    ),
    "overview.kpi_gini": ("Gini coefficient of value", "价值基尼系数"),
    "overview.kpi_loss_makers": ("Loss-making customers", "亏损客户数"),
    "overview.pyramid_title": ("Customer pyramid by tier", "客户等级金字塔"),
    "overview.pyramid_label": (
        "<b>{tier}</b><br>value {value} · revenue {revenue}",
        "<b>{tier}</b><br>价值 {value} · 收入 {revenue}",
    ),
    "overview.pareto_title": (
        "Pareto and whale curves: cumulative share by customers ranked",
        "帕累托曲线与鲸鱼曲线：按排名累计占比",
    ),
    "overview.pareto_revenue": ("Revenue (Pareto)", "收入（帕累托）"),
    "overview.pareto_value": ("Realized value (whale curve)", "既成价值（鲸鱼曲线）"),
    "overview.pareto_x": ("Share of customers, best first", "客户占比（从高到低）"),
    "overview.pareto_y": ("Cumulative share", "累计占比"),
    "overview.pareto_mark": (
        "{share} of customers → 80 % of revenue",
        "{share} 的客户 → 80% 的收入",
    ),
    "overview.rfm_title": ("RFM heatmap: customers per cell", "RFM 热力图：各格客户数"),
    "overview.rfm_x": ("F score (frequency, 5 = most orders)", "F 分（频次，5 = 最多）"),
    "overview.rfm_y": ("R score (recency, 5 = most recent)", "R 分（最近购买，5 = 最近）"),
    "overview.rfm_colour": ("Mean revenue (¥)", "平均收入（元）"),
    "overview.rfm_hover": (
        "R %{y} · F %{x}<br>%{text} customers<br>mean revenue ¥%{z:,.0f}",
        "R %{y} · F %{x}<br>%{text} 位客户<br>平均收入 ¥%{z:,.0f}",
    ),
    "overview.histogram_name": ("Distribution of realized value", "既成价值分布"),
    "overview.histogram_title": (
        "{below} customers below the 1st and {above} above the 99th percentile are counted "
        "in the end bars",
        "低于第 1 百分位的 {below} 位和高于第 99 百分位的 {above} 位客户计入两端的柱",
    ),
    "overview.histogram_x": ("Realized value (¥)", "既成价值（元）"),
    "overview.histogram_y": ("Customers", "客户数"),
    # -- customers
    "customers.title": ("Customers", "客户"),
    "customers.search": ("Search", "搜索"),
    "customers.search_hint": ("id (from its start) or name", "客户编号（开头）或名称"),
    "customers.any": ("all", "全部"),
    "customers.sort": ("Sort by", "排序依据"),
    "customers.order": ("Order", "顺序"),
    "customers.order_desc": ("highest first", "从高到低"),
    "customers.order_asc": ("lowest first", "从低到高"),
    "customers.apply": ("Show", "查询"),
    "customers.matches": ("{n} customers match.", "共 {n} 位客户符合条件。"),
    "customers.matches_capped": ("More than {n} customers match.", "超过 {n} 位客户符合条件。"),
    "customers.none": ("No customer matches these conditions.", "没有符合条件的客户。"),
    "customers.first_page": ("First page", "第一页"),
    "customers.export_note": (
        "The exports hold every customer the conditions match (up to {n}).",
        "导出文件包含所有符合条件的客户（最多 {n} 位）。",
    ),
    "customers.treatment": ("Suggested treatment:", "建议策略："),
    "customers.no_clv": (
        "No CLV yet: fit a model with custvalue clv score to see P(alive) and the expected "
        "future value.",
        "尚无 CLV：运行 custvalue clv score 拟合模型后可查看存活概率和预期未来价值。",
    ),
    "customers.years_title": ("Value by year and kind", "按年份和类型的价值"),
    "customers.years_y": ("¥", "元"),
    "customers.years_table": ("Figures by year", "年度数据"),
    "customers.referral_tree": ("Referrals", "推荐关系"),
    "customers.referred_by": ("Referred by", "推荐人："),
    "customers.referred_by_none": ("Not referred by another customer", "非其他客户推荐"),
    "customers.referred_n": ("referred {n} customer(s)", "推荐了 {n} 位客户"),
    "customers.referrals_table": ("Customers referred", "所推荐的客户"),
    "customers.referrals_none": ("This customer referred nobody.", "该客户未推荐任何人。"),
    "customers.orders_table": ("Latest orders", "最近订单"),
    "customers.orders_none": ("No orders.", "没有订单。"),
    "customers.col_product": ("Product", "产品"),
    "customers.col_category": ("Category", "品类"),
    "customers.col_kind": ("Kind", "类型"),
    # -- jobs
    "jobspage.title": ("Jobs", "任务"),
    "jobspage.intro": (
        "Long work runs in the background: imports, snapshot refreshes, CLV fits. A job's "
        "page shows its progress and outcome, and can be reloaded at any time.",
        "耗时的工作在后台运行：导入、快照刷新、CLV 拟合。任务页面显示进度和结果，可随时刷新。",
    ),
    "jobspage.empty": ("No job has been run yet.", "还没有运行过任务。"),
    "jobspage.job_title": ("Job {id}", "任务 {id}"),
    "jobspage.col_id": ("No.", "编号"),
    "jobspage.col_kind": ("Kind", "类型"),
    "jobspage.col_state": ("State", "状态"),
    "jobspage.col_progress": ("Progress", "进度"),
    "jobspage.col_by": ("Submitted by", "提交人"),
    "jobspage.col_created": ("Submitted (UTC)", "提交时间（UTC）"),
    "jobspage.col_started": ("Started (UTC)", "开始时间（UTC）"),
    "jobspage.col_finished": ("Ended (UTC)", "结束时间（UTC）"),
    "jobspage.col_worker": ("Worker", "工作进程"),
    "jobspage.by_system": ("automatic", "系统自动"),
    "jobspage.waiting": (
        "This page follows the job and shows its outcome when it ends.",
        "本页会跟踪任务进度，并在结束时显示结果。",
    ),
    "jobspage.done": ("The job is done.", "任务已完成。"),
    "jobspage.done_import": ("The file is imported.", "文件已导入。"),
    "jobspage.done_snapshot": (
        "The figures are computed anew.",
        "数据已重新计算。",
    ),
    "jobspage.see_overview": ("See the overview", "查看概览"),
    "jobspage.see_customers": ("See the customers", "查看客户"),
    "jobspage.cancelled": ("The job was cancelled before it ran.", "任务在运行前已取消。"),
    "jobspage.cancel": ("Cancel this job", "取消此任务"),
    "jobspage.cancel_confirm": ("Cancel this job?", "确定取消此任务？"),
    # -- columns the new pages show
    "col.rows": ("Rows read", "读取行数"),
    "col.order_id": ("Order", "订单编号"),
    "col.as_of": ("As of", "截至"),
    "col.seconds": ("Seconds", "耗时（秒）"),
}
