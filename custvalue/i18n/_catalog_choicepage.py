"""The workbench's choice-model page."""

MESSAGES: dict[str, tuple[str, str]] = {
    "choicepage.title": ("Why customers choose: the choice model", "顾客为何选择：选择模型"),
    "choicepage.intro": (
        "A conditional logit (McFadden) fitted on observed choices: one row per alternative "
        "offered in each situation, with its attributes and whether it was chosen. It gives "
        "each attribute's weight, the willingness to pay for it (with a price column), and "
        "the share each alternative of a scenario would win.",
        "基于实际选择数据拟合的条件 logit 模型（McFadden）：每个情境中提供的每个备选方案一行，"
        "包含其属性及是否被选中。模型给出各属性的权重、支付意愿（需有价格列），以及情景中"
        "各方案可获得的份额。",
    ),
    "choicepage.none": (
        "No choice model has been fitted yet. Fit one on your choice file below, or on the "
        "bundled TV shop survey to see how it works.",
        "尚未拟合选择模型。请在下方用您的选择数据拟合，或先用内置的电视选购调查看看效果。",
    ),
    "choicepage.fit_facts": (
        "Fit {job} on {file}: {situations} situations, {rows} rows; log-likelihood "
        "{ll:,.2f} (null {null:,.2f}); McFadden's ρ² {rho:.3f}.",
        "拟合 {job}，数据 {file}：{situations} 个情境，{rows} 行；对数似然 {ll:,.2f}"
        "（零模型 {null:,.2f}）；McFadden ρ² {rho:.3f}。",
    ),
    "choicepage.winner": ("Most chosen: {winner}.", "份额最高：{winner}。"),
    "choicepage.winner_change": (
        "Most chosen before: {before}; after the changes: {after}.",
        "变更前份额最高：{before}；变更后：{after}。",
    ),
    "choicepage.shares_table": ("Choice shares", "选择份额"),
    "choicepage.coefficients_table": ("Weights of the attributes", "属性权重"),
    "choicepage.scenario_table": ("The scenario ({file})", "情景（{file}）"),
    "choicepage.whatif_title": ("What if…", "假设分析"),
    "choicepage.whatif_intro": (
        "Change an attribute of an alternative: type a new value (3000), or +=200 / -=200 "
        "to shift it; a categorical attribute takes one of its levels.",
        "修改某个备选方案的属性：输入新值（如 3000），或用 +=200 / -=200 增减；分类属性请输入"
        "其已有的水平。",
    ),
    "choicepage.col_alternative": ("Alternative", "备选方案"),
    "choicepage.col_attribute": ("Attribute", "属性"),
    "choicepage.col_value": ("New value", "新值"),
    "choicepage.whatif_button": ("Compare shares", "比较份额"),
    "choicepage.fit_title": ("Fit a choice model", "拟合选择模型"),
    "choicepage.fit_intro": (
        "Upload a choice file (CSV or XLSX, Chinese or English headers: situation, "
        "alternative, chosen, then the attributes) and, optionally, a scenario file with the "
        "alternatives to compare. The fit runs as a job.",
        "上传选择数据（CSV 或 XLSX，中英文表头均可：情境、选项、是否选择，其后为各属性），"
        "可另附一个情景文件列出要比较的方案。拟合以任务方式运行。",
    ),
    "choicepage.field_choices": ("Choice file", "选择数据文件"),
    "choicepage.field_scenario": ("Scenario file (optional)", "情景文件（可选）"),
    "choicepage.field_categorical": ("Categorical columns", "分类属性列"),
    "choicepage.categorical_hint": ("品牌=TCL (column=reference level)", "品牌=TCL（列=基准水平）"),
    "choicepage.field_price": ("Price column (for willingness to pay)", "价格列（用于支付意愿）"),
    "choicepage.field_asc": ("Alternative-specific constants", "方案特定常数"),
    "choicepage.fit_button": ("Fit", "拟合"),
    "choicepage.example_button": ("Fit the bundled TV shop survey", "用内置电视选购调查拟合"),
    "choicepage.fits": ("Fits", "拟合记录"),
    "choicepage.fit_link": ("Fit {id} ({when})", "拟合 {id}（{when}）"),
    "choicepage.see_fit": ("See the choice model and its what-if", "查看选择模型及假设分析"),
    "choicepage.no_fit": (
        "Job {job_id} is not a finished choice model fit.",
        "任务 {job_id} 不是已完成的选择模型拟合。",
    ),
    "choicepage.no_files": (
        "The files of this fit ({token}) are no longer kept: upload them again.",
        "此次拟合的文件（{token}）已不存在：请重新上传。",
    ),
    "choicepage.files_or_example": (
        "Give a choice file to fit, or choose the bundled example.",
        "请上传要拟合的选择数据文件，或选择内置示例。",
    ),
    "choicepage.unknown_example": (
        "There is no bundled example {value!r}; known: {known}.",
        "没有名为“{value}”的内置示例；已有：{known}。",
    ),
    "choicepage.bad_categorical": (
        "Categorical column {value!r}: write COLUMN or COLUMN=REFERENCE, e.g. 品牌=TCL.",
        "分类属性列“{value}”：请写作“列名”或“列名=基准水平”，例如 品牌=TCL。",
    ),
    "choicepage.unknown_price": (
        "The price column {value!r} is not a numeric attribute of the file; numeric "
        "attributes: {known}.",
        "价格列“{value}”不是文件中的数值属性；数值属性有：{known}。",
    ),
    "choicepage.too_many_changes": (
        "{count} changes at once: at most {limit}.",
        "一次修改了 {count} 项：最多 {limit} 项。",
    ),
    "figures.choice_shares": ("Choice shares of the scenario", "情景中的选择份额"),
    "figures.choice_share_axis": ("Share (%)", "份额（%）"),
}
