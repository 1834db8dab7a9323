"""Command-line texts: help, progress, headings, column labels."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.app_help": (
        "custvalue — customer value management: what each customer is worth, by tier, "
        "segment and referral. --lang zh (or CUSTVALUE_LANG=zh, or a Chinese LANG) for Chinese.",
        "custvalue —— 客户价值管理：每位客户值多少、分层、分群与推荐价值。"
        "--lang en（或 CUSTVALUE_LANG=en）可切换为英文。",
    ),
    "cli.opt_db": (
        "Database: a DuckDB file path (default ./custvalue.db) or postgresql+psycopg://... URL.",
        "数据库：DuckDB 文件路径（默认 ./custvalue.db）或 postgresql+psycopg://... 地址。",
    ),
    "cli.opt_lang": (
        "Language of the output: zh (中文) or en (English); default from CUSTVALUE_LANG or LANG.",
        "输出语言：zh（中文）或 en（English）；默认取 CUSTVALUE_LANG 或 LANG。",
    ),
    "cli.unknown_lang": (
        "{source} {value!r} is not a language custvalue speaks: use zh (中文) or en (English).",
        "{source} {value!r} 不是 custvalue 支持的语言：请用 zh（中文）或 en（English）。",
    ),
    "cli.usage": ("{detail} (see --help)", "{detail}（参见 --help）"),
    "cli.unexpected": (
        "unexpected {kind}: {detail}. Set CUSTVALUE_DEBUG=1 for details and report it.",
        "意外错误 {kind}：{detail}。设置 CUSTVALUE_DEBUG=1 可查看详情并反馈。",
    ),
    "cli.reason_date": ("not a date", "不是有效日期"),
    "cli.hint_date": (
        "Write it as YYYY-MM-DD, e.g. 2024-12-31.",
        "请写成 YYYY-MM-DD，例如 2024-12-31。",
    ),
    "cli.reason_map": ("expected SOURCE=TARGET", "格式应为 源列=目标列"),
    "cli.hint_map": (
        "Example: --map 会员号=customer_id --map 实收=amount",
        "例如：--map 会员号=customer_id --map 实收=amount",
    ),
    "cli.reason_positive": ("must be a positive whole number", "必须是正整数"),
    "cli.reason_column": ("unknown or non-numeric column", "未知列或非数值列"),
    "cli.reason_bands": (
        "expected whole percentages separated by commas",
        "应为逗号分隔的整数百分比",
    ),
    "cli.reason_demo_size": ("must be between 10 and 2,000,000", "必须在 10 到 2,000,000 之间"),
    "cli.kind_customers": ("customers", "客户"),
    "cli.kind_orders": ("orders", "订单"),
    "cli.kind_costs": ("costs", "费用"),
    "cli.import_done": (
        "{file} ({kind}): {imported} imported, {updated} updated, {duplicates} duplicates "
        "skipped, {rejected} rows rejected, {created} new customers created.",
        "{file}（{kind}）：导入 {imported} 行，更新 {updated} 行，跳过重复 {duplicates} 行，"
        "拒绝 {rejected} 行，新建客户 {created} 位。",
    ),
    "cli.imports_none": (
        "No imports yet: import a file with `custvalue import orders FILE` (or customers, "
        "costs, survey data …), or load the demo company with `custvalue demo`.",
        "还没有导入记录：用 `custvalue import orders 文件`（或客户、费用、调查数据……）导入文件，"
        "或用 `custvalue demo` 载入演示公司。",
    ),
    "cli.import_seen_before": (
        "Note: the same file was imported before (import #{import_id}, {when}); "
        "rows already stored were skipped.",
        "提示：同一文件之前已导入过（第 {import_id} 次导入，{when}）；已存在的行已跳过。",
    ),
    "cli.import_multiline": (
        "{count} stored row(s) hold a quoted value spanning several lines: {lines}. Check "
        "them if no value of the file should contain a line break.",
        "{count} 行已导入的数据含有跨越多行的带引号值：{lines}。如果文件中的值本不应换行，"
        "请检查这些行。",
    ),
    "cli.rejected_title": ("Rejected rows", "被拒绝的行"),
    "cli.arg_file": (
        "CSV (UTF-8, UTF-8 BOM, GBK/GB18030) or .xlsx file.",
        "CSV（UTF-8、带 BOM 的 UTF-8、GBK/GB18030）或 .xlsx 文件。",
    ),
    "cli.opt_sheet": ("Excel sheet name (default: the first).", "Excel 工作表名（默认第一个）。"),
    "cli.opt_map": (
        "Map a file column to a field: SOURCE=TARGET (repeatable).",
        "把文件列映射到字段：源列=目标列（可重复）。",
    ),
    "cli.opt_strict": ("Import nothing if any row is bad.", "只要有一行错误就不导入任何数据。"),
    "cli.opt_format": (
        "Output format: table, json, csv or xlsx.",
        "输出格式：table、json、csv 或 xlsx。",
    ),
    "cli.progress_read": ("Reading", "读取中"),
    "cli.progress_parse": ("Parsing", "解析中"),
    "cli.progress_validate": ("Checking", "校验中"),
    "cli.progress_write": ("Writing", "写入中"),
    "cli.imports_help": ("List past imports.", "列出导入历史。"),
    "cli.imports_title": ("Imports", "导入历史"),
    "cli.opt_customer": ("Show one customer (by id).", "只显示一位客户（按编号）。"),
    "cli.opt_by_year": ("Add the year-by-year table.", "加上逐年明细表。"),
    "cli.opt_as_of": (
        "Count data up to this day (YYYY-MM-DD; default: latest data).",
        "统计截至该日的数据（YYYY-MM-DD；默认最新数据日期）。",
    ),
    "cli.opt_depth": (
        "Referral levels counted (1 = direct only; default all).",
        "计入的推荐层级（1 = 仅直接推荐；默认全部）。",
    ),
    "cli.opt_top": ("Rows shown in the table.", "表格显示的行数。"),
    "cli.opt_sort": ("Column to sort by (descending).", "排序列（降序）。"),
    "cli.what_customer": ("customer {id}", "客户 {id}"),
    "cli.value_title": ("Customer value as of {as_of} (元)", "客户价值（截至 {as_of}，单位：元）"),
    "cli.years_title": ("Customer {id} by year (元)", "客户 {id} 逐年价值（元）"),
    "cli.value_help": (
        "Realized, referral (influence) and sustained value per customer.",
        "每位客户的既成价值、推荐（影响）价值与持续价值。",
    ),
    "cli.opt_value": ("Value column to rank by.", "用于排序的价值列。"),
    "cli.opt_per_customer": (
        "List every customer instead of the summary.",
        "列出每位客户而不是汇总。",
    ),
    "cli.opt_bins": (
        "Score bins per dimension (5 = quintiles).",
        "每个维度的分档数（5 = 五分位）。",
    ),
    "cli.opt_ties": (
        "Ties: first (by customer id), min, max, average or dense (equal values share a score).",
        "并列处理：first（按客户编号先后）、min、max、average 或 dense（相同值同分）。",
    ),
    "cli.opt_segment_map": (
        "Segment map: standard11, rf_grid, cn8, rfm_vignette or a JSON file.",
        "分群规则：standard11、rf_grid、cn8、rfm_vignette 或 JSON 文件。",
    ),
    "cli.rfm_title": ("RFM segments", "RFM 客户分群"),
    "cli.rfm_help": ("RFM scores and named segments.", "RFM 评分与客户分群。"),
    "cli.opt_bands": (
        "With --rule bands: tier sizes in % of customers, best first (a tie at a cut goes "
        "into the higher tier).",
        "配合 --rule bands：各层客户占比（%），从高到低（切分处并列者归入较高层）。",
    ),
    "cli.tiers_title": ("Profitability tiers", "客户盈利能力分层"),
    "cli.tiers_help": (
        "Platinum / gold / iron / lead tiers by profit and volume (or percentile bands).",
        "按利润与业务量（或客户百分位）分为白金 / 黄金 / 黑铁 / 铅四层。",
    ),
    "cli.opt_pareto_top": (
        "Top share of customers (0.2 = top 20%).",
        "头部客户比例（0.2 = 前 20%）。",
    ),
    "cli.opt_curve": ("Print the whole Pareto curve.", "输出完整的帕累托曲线。"),
    "cli.pareto_title": ("80/20 analysis", "二八分析"),
    "cli.pareto_help": (
        "80/20: how much value the top customers bring.",
        "二八定律：头部客户带来多少价值。",
    ),
    "cli.opt_key_share": ("Share of customers that are key customers.", "重点客户所占比例。"),
    "cli.classify_title": ("Customer classes and treatment", "客户分类与对策"),
    "cli.classify_help": (
        "Key customers, customers to develop and ordinary customers, with the treatment for each.",
        "重点客户、重点发展客户与一般客户，以及各自的对策。",
    ),
    "db.demo_refuses": (
        "{url} already holds data that is not the demo; use --force to replace it, or "
        "--db another.db.",
        "{url} 中已有非演示数据；使用 --force 覆盖，或用 --db 指定其他文件。",
    ),
    "cli.report_top": ("Top customers by sustained value (元)", "持续价值最高的客户（元）"),
    "cli.report_tiers": ("Customer pyramid", "客户金字塔"),
    "cli.report_rfm": ("RFM segments", "RFM 客户分群"),
    "cli.opt_demo_customers": ("Number of demo customers.", "演示客户数量。"),
    "cli.opt_seed": ("Random seed (same seed, same data).", "随机种子（种子相同，数据相同）。"),
    "cli.opt_export": (
        "Also write the demo data as CSV files to this folder.",
        "同时把演示数据写成 CSV 文件到该目录。",
    ),
    "cli.opt_force": ("Replace a database that holds other data.", "覆盖已有其他数据的数据库。"),
    "cli.demo_building": ("Building the demo company…", "正在生成演示公司…"),
    "cli.demo_done": (
        "Demo database {db}: {customers} customers, {orders} orders, {costs} cost entries.",
        "演示数据库 {db}：{customers} 位客户、{orders} 笔订单、{costs} 条费用。",
    ),
    "cli.opt_demo_serve": (
        "Then serve the web workbench on the demo (http://127.0.0.1:PORT) with a demo "
        "analyst account [default: --serve with the table format; --no-serve prints the "
        "headline report only].",
        "随后在示例数据上打开网页工作台（http://127.0.0.1:端口），并提供示例分析师账号"
        "［默认：表格格式时 --serve；--no-serve 只输出概览报告］。",
    ),
    "cli.serve_stopped": ("The workbench has stopped.", "工作台已停止。"),
    "cli.demo_snapshot": ("Computing the workbench's figures …", "正在计算工作台数据……"),
    "cli.demo_account": (
        "Workbench account: {name} · password {password} (new on each run; shown only now)",
        "工作台账号：{name} · 密码 {password}（每次运行重新生成，仅此处显示）",
    ),
    "cli.demo_next": (
        "Next: custvalue value --by-year --top 5 · custvalue rfm · custvalue tiers · "
        "custvalue pareto · custvalue classify · custvalue clv score --top 10 · "
        "custvalue cva quality · custvalue cva map · custvalue delivered · custvalue survey "
        "nps --by wave · custvalue loyalty stages · custvalue survey value · custvalue "
        "complaints report · custvalue notices render SHIPMENT (the demo's surveys, "
        "offerings, complaint history and shipments are loaded too)",
        "下一步：custvalue value --by-year --top 5 · custvalue rfm · custvalue tiers · "
        "custvalue pareto · custvalue classify · custvalue clv score --top 10 · "
        "custvalue cva quality · custvalue cva map · custvalue delivered · custvalue survey "
        "nps --by wave · custvalue loyalty stages · custvalue survey value · custvalue "
        "complaints report · custvalue notices render 发货单号（演示公司的各项调查、供应品价值"
        "构成、投诉历史与发货记录也已导入）",
    ),
    "cli.demo_help": (
        "Create a fresh database with the demo company, print the headline report and "
        "serve the workbench on it (--no-serve: the report only).",
        "用演示公司数据新建数据库，输出概览报告并打开工作台（--no-serve：只输出报告）。",
    ),
    "cli.report_help": (
        "Headline report: top customers, pyramid, 80/20, RFM segments.",
        "概览报告：头部客户、金字塔、二八分析、RFM 分群。",
    ),
    # column labels
    "col.customer_id": ("Customer", "客户编号"),
    "col.name": ("Name", "名称"),
    "col.acquired_on": ("Acquired", "获客日期"),
    "col.first_order": ("First order", "首单日期"),
    "col.last_order": ("Last order", "末单日期"),
    "col.recency_days": ("Days since last purchase", "距最近购买天数"),
    "col.orders": ("Orders", "订单数"),
    "col.revenue": ("Revenue", "收入"),
    "col.first": ("First purchase", "首购"),
    "col.repeat": ("Repeat", "重复购买"),
    "col.upsell": ("Up-sell", "向上购买"),
    "col.cross_sell": ("Cross-sell", "交叉购买"),
    "col.refund": ("Refunds", "退款"),
    "col.cogs": ("Cost of goods", "销售成本"),
    "col.margin": ("Margin", "毛利"),
    "col.acquisition_cost": ("Acquisition cost", "获客成本"),
    "col.service_cost": ("Service cost", "服务成本"),
    "col.other_cost": ("Other cost", "其他成本"),
    "col.cost": ("Cost", "成本"),
    "col.realized_value": ("Realized value", "既成价值"),
    "col.referred_customers": ("Referred", "直接推荐数"),
    "col.referral_network": ("Referral network", "推荐网络人数"),
    "col.referral_revenue": ("Referral revenue", "推荐收入"),
    "col.referral_net": ("Referral net", "推荐净收入"),
    "col.sustained_value": ("Sustained value", "持续价值"),
    "col.basic_value": ("Basic value", "基本价值"),
    "col.value_added": ("Value added", "增值价值"),
    "col.revenue_last_12m": ("Revenue last 12m", "近12个月收入"),
    "col.revenue_prev_12m": ("Revenue prior 12m", "前12个月收入"),
    "col.year": ("Year", "年份"),
    "col.profit": ("Profit", "利润"),
    "col.line": ("Line", "行号"),
    "col.column": ("Column", "列"),
    "col.value": ("Value", "值"),
    "col.reason": ("Reason", "原因"),
    "col.import_id": ("Import", "导入号"),
    "col.kind": ("Kind", "类型"),
    "col.file_name": ("File", "文件"),
    "col.rows_total": ("Rows", "行数"),
    "col.imported": ("Imported", "已导入"),
    "col.updated": ("Updated", "已更新"),
    "col.duplicates": ("Duplicates", "重复"),
    "col.rejected": ("Rejected", "拒绝"),
    "col.customers_created": ("New customers", "新建客户"),
    "col.imported_at": ("When", "时间"),
    "col.metric": ("Metric", "指标"),
    "col.customers": ("Customers", "客户数"),
    "col.tier": ("Tier key", "层级代码"),
    "col.tier_label": ("Tier", "层级"),
    "col.customer_share": ("Customer share", "客户占比"),
    "col.value_sum": ("Value", "价值合计"),
    "col.value_share": ("Value share", "价值占比"),
    "col.revenue_sum": ("Revenue", "收入合计"),
    "col.revenue_share": ("Revenue share", "收入占比"),
    "col.value_mean": ("Mean value", "平均价值"),
    "col.value_min": ("Min value", "最低价值"),
    "col.value_max": ("Max value", "最高价值"),
    "col.segment": ("Segment key", "分群代码"),
    "col.segment_label": ("Segment", "分群"),
    "col.share": ("Share", "占比"),
    "col.monetary": ("Monetary", "消费金额"),
    "col.frequency": ("Frequency", "频次"),
    "col.class": ("Class key", "类别代码"),
    "col.class_label": ("Class", "客户类别"),
    "col.treatment": ("Treatment", "对策"),
    "col.rank": ("Rank", "排名"),
    "col.r_score": ("R", "R"),
    "col.f_score": ("F", "F"),
    "col.m_score": ("M", "M"),
    "col.rfm_cell": ("RFM", "RFM 代码"),
    "col.rfm_score": ("RFM score", "RFM 总分"),
}
