"""Messages of custvalue.choice and ``custvalue choice`` (keys ``choice.*``,
``cli.choice_*`` and the column labels only this area uses)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- what the data is called in messages ---
    "choice.what_data": ("choice data", "选择数据"),
    "choice.what_scenario": ("scenario", "情景"),
    "choice.what_rule": ("deterministic choice", "确定性选择"),
    "choice.table_choices": ("choice file", "选择数据文件"),
    "choice.table_scenario": ("scenario file", "情景文件"),
    # --- row reasons (line, column and value are shown with them) ---
    "choice.reason_not_finite": (
        "not a finite number (NaN or infinite values cannot be used)",
        "不是有限数值（不能使用 NaN 或无穷大）",
    ),
    "choice.reason_duplicate_alternative": (
        "alternative '{value}' appears more than once in situation '{situation}'; name each alternative once per situation",
        "备选方案“{value}”在情境“{situation}”中出现了不止一次；每个情境中每个方案只能出现一次",
    ),
    "choice.reason_single": (
        "situation '{situation}' has only one alternative; a choice needs at least two",
        "情境“{situation}”只有一个备选方案；选择至少需要两个方案",
    ),
    "choice.reason_bad_flag": (
        "the chosen flag must be 1 (chosen) or 0 (not chosen); also yes/no, 是/否",
        "是否选择应为 1（选中）或 0（未选）；也可写 yes/no、是/否",
    ),
    "choice.reason_none_chosen": (
        "no alternative is chosen in situation '{situation}'; mark exactly one row with 1",
        "情境“{situation}”中没有被选中的方案；请恰好将一行标为 1",
    ),
    "choice.reason_several_chosen": (
        "{count} alternatives are chosen in situation '{situation}'; exactly one may be 1",
        "情境“{situation}”中有 {count} 个方案被选中；只能有一个为 1",
    ),
    "choice.reason_bad_weight": (
        "the weight must be a finite number ≥ 0",
        "权重应为不小于 0 的有限数值",
    ),
    "choice.reason_uneven_weight": (
        "the weight differs between the rows of situation '{situation}'; give every row of a situation the same weight",
        "情境“{situation}”各行的权重不同；同一情境的每一行应使用相同的权重",
    ),
    "choice.reason_unknown_level": (
        "a level the model has not seen; known levels: {levels}",
        "模型中没有这个类别；已知类别：{levels}",
    ),
    # --- data and option errors ---
    "choice.bad_reference": (
        "{column}: reference level '{value}' is not in the data; levels: {levels}",
        "{column}：参照类别“{value}”不在数据中；现有类别：{levels}",
    ),
    "choice.constant_attribute": (
        "attribute '{column}' never differs between the alternatives of a situation, so its weight cannot be estimated (only differences within a situation matter); drop it or vary it across alternatives",
        "属性“{column}”在每个情境的各方案之间都没有差异，无法估计其权重（只有情境内的差异起作用）；请去掉该属性或让它在方案间变化",
    ),
    "choice.bad_price": (
        "price attribute '{value}' is not one of the numeric attributes: {allowed}",
        "价格属性“{value}”不在数值属性之中：{allowed}",
    ),
    "choice.no_price": (
        "willingness to pay needs a price attribute: name it with price= (--price)",
        "计算支付意愿需要价格属性：请用 price=（--price）指定",
    ),
    "choice.no_attributes": (
        "there is no attribute to estimate: give numeric or categorical attribute columns",
        "没有可估计的属性：请提供数值或类别属性列",
    ),
    "choice.unknown_column": (
        "{file}: there is no attribute column '{column}'; attribute columns: {allowed}",
        "{file}：没有属性列“{column}”；可用的属性列：{allowed}",
    ),
    "choice.text_attribute": (
        "{file}: attribute column '{column}' holds text, not numbers; if it is a category (brand, store…), declare it with --categorical {column} (categorical= in Python)",
        "{file}：属性列“{column}”是文字而不是数字；如果它是类别（品牌、门店等），请用 --categorical {column} 声明（Python 中用 categorical=）",
    ),
    "choice.rule_not_finite": (
        "column '{column}' has a missing or non-finite value; every alternative needs a value",
        "列“{column}”有缺失或非有限的值；每个方案都需要一个值",
    ),
    # --- fitting ---
    "choice.collinear": (
        "the attributes {columns} are collinear (one is a combination of the others within every situation), so their weights cannot be told apart. Drop one of them, or merge them into one attribute.",
        "属性 {columns} 共线（在每个情境中其中一个都是其他属性的组合），无法区分它们的权重。请去掉其中一个，或合并为一个属性。",
    ),
    "choice.separation": (
        "the choices are perfectly predicted (separation): the weights of {columns} run off to infinity. Check that the chosen flag is not derived from an attribute, collect more varied choices, or fit with a penalizer (e.g. penalizer=0.1).",
        "选择被完全预测（完全分离）：{columns} 的权重趋于无穷大。请检查“是否选择”是否由某个属性推导而来，收集更多样的选择数据，或使用惩罚项拟合（如 penalizer=0.1）。",
    ),
    "choice.no_convergence": (
        "the {method} optimiser did not converge in {iterations} iterations (last: {params}). Try method='newton', raise max_iter, or check the attributes for extreme values.",
        "{method} 优化在 {iterations} 次迭代内未收敛（最后：{params}）。请尝试 method='newton'、增大 max_iter，或检查属性中的极端值。",
    ),
    "choice.advice_collinear": ("drop or merge collinear attributes", "去掉或合并共线属性"),
    "choice.advice_separation": (
        "check the chosen flag, add data, or use a penalizer",
        "检查是否选择列、增加数据或使用惩罚项",
    ),
    "choice.advice_no_convergence": (
        "use Newton, raise max_iter, check extreme values",
        "使用牛顿法、增大 max_iter、检查极端值",
    ),
    # --- what-if changes ---
    "choice.bad_change": (
        "change '{value}' is not of the form ALT:ATTR=VALUE (or ALT:ATTR+=DELTA, ALT:ATTR-=DELTA), e.g. 海尔:价格=3700",
        "变更“{value}”的格式应为 方案:属性=值（或 方案:属性+=增量、方案:属性-=减量），例如 海尔:价格=3700",
    ),
    "choice.bad_change_number": (
        "change '{change}': '{value}' is not a number",
        "变更“{change}”：“{value}”不是数字",
    ),
    "choice.bad_change_level": (
        "change '{change}': '{value}' is not a level the model knows (a categorical attribute can only be set); levels: {allowed}",
        "变更“{change}”：模型中没有类别“{value}”（类别属性只能直接设定）；可用类别：{allowed}",
    ),
    "choice.unknown_alternative": (
        "change '{change}': there is no alternative '{value}' in the scenario; alternatives: {allowed}",
        "变更“{change}”：情景中没有方案“{value}”；现有方案：{allowed}",
    ),
    "choice.unknown_attribute": (
        "change '{change}': the model has no attribute '{value}'; attributes: {allowed}",
        "变更“{change}”：模型中没有属性“{value}”；可用属性：{allowed}",
    ),
    # --- saved models ---
    "choice.model_not_json": (
        "{file}: not a model file (invalid JSON: {detail}, line {line})",
        "{file}：不是模型文件（JSON 无效：{detail}，第 {line} 行）",
    ),
    "choice.model_not_object": (
        "{file}: not a model file (the top level is not a JSON object)",
        "{file}：不是模型文件（顶层不是 JSON 对象）",
    ),
    "choice.model_wrong_kind": (
        "{file}: 'model' is '{value}', expected 'conditional_logit'; save one with custvalue choice fit --save",
        "{file}：“model”为“{value}”，应为“conditional_logit”；请用 custvalue choice fit --save 保存模型",
    ),
    "choice.model_missing": (
        "{file}: the model lacks {keys}; save it again with custvalue choice fit --save",
        "{file}：模型缺少 {keys}；请用 custvalue choice fit --save 重新保存",
    ),
    "choice.model_design": (
        "{file}: the model's 'design' is malformed ({detail})",
        "{file}：模型的“design”格式错误（{detail}）",
    ),
    "choice.model_names": (
        "{file}: '{key}' names ({found}) do not match the design ({expected})",
        "{file}：“{key}”中的名称（{found}）与模型设计（{expected}）不一致",
    ),
    "choice.model_not_number": (
        "{file}: '{key}' is not a valid number: {value}",
        "{file}：“{key}”不是有效数值：{value}",
    ),
    "choice.model_covariance": (
        "{file}: 'covariance' must be a {size}×{size} matrix of numbers",
        "{file}：“covariance”应为 {size}×{size} 的数值矩阵",
    ),
    "choice.model_price": (
        "{file}: 'price' '{value}' is not a numeric attribute ({allowed})",
        "{file}：“price”“{value}”不是数值属性（{allowed}）",
    ),
    # --- CLI ---
    "cli.choice_help": (
        "Why customers choose: conditional logit weights, shares, willingness to pay, what-if.",
        "顾客为何选择：条件 logit 权重、选择份额、支付意愿、假设分析。",
    ),
    "cli.choice_fit_help": (
        "Estimate attribute weights from a long choice file (one row per alternative per situation).",
        "从长格式选择数据（每个情境每个方案一行）估计属性权重。",
    ),
    "cli.choice_predict_help": (
        "Choice shares for a scenario file with a saved model; --change for before/after.",
        "用已保存的模型计算情景文件中的选择份额；用 --change 比较变更前后。",
    ),
    "cli.choice_arg_file": (
        "Choice file (CSV in UTF-8/GBK or Excel): situation, alternative, chosen (1/0) and attribute columns.",
        "选择数据文件（UTF-8/GBK 编码的 CSV 或 Excel）：情境、方案、是否选择（1/0）及属性列。",
    ),
    "cli.choice_arg_scenario": (
        "Scenario file: an alternative column (optionally a situation column) and the model's attributes.",
        "情景文件：方案列（可选情境列）及模型用到的属性列。",
    ),
    "cli.choice_opt_situation": (
        "Header of the choice-situation column (default: found by name, e.g. situation, 情境).",
        "选择情境列的列名（默认按列名识别，如 situation、情境）。",
    ),
    "cli.choice_opt_alternative": (
        "Header of the alternative column (default: alternative, option, 方案, 选项).",
        "备选方案列的列名（默认：alternative、option、方案、选项）。",
    ),
    "cli.choice_opt_chosen": (
        "Header of the chosen flag (default: chosen, choice, 是否选择).",
        "是否选择列的列名（默认：chosen、choice、是否选择）。",
    ),
    "cli.choice_opt_price": (
        "Price attribute, for willingness to pay (−β_attr/β_price).",
        "价格属性，用于计算支付意愿（−β属性/β价格）。",
    ),
    "cli.choice_opt_categorical": (
        "Categorical attribute, dummy-coded: COL or COL=REFERENCE (default reference: first level in sorted order). Repeatable.",
        "类别属性（虚拟变量编码）：列名 或 列名=参照类别（默认参照为排序后的第一个类别）。可重复。",
    ),
    "cli.choice_opt_attribute": (
        "Numeric attribute to use (repeatable; default every other column).",
        "使用的数值属性（可重复；默认其余所有列）。",
    ),
    "cli.choice_opt_weight": (
        "Header of a situation-weight column (same value on every row of a situation).",
        "情境权重列的列名（同一情境各行取值相同）。",
    ),
    "cli.choice_opt_asc": (
        "Add alternative-specific constants (one per alternative but the reference).",
        "加入方案特定常数（参照方案以外每个方案一个）。",
    ),
    "cli.choice_opt_asc_reference": (
        "Alternative without a constant (default: first in sorted order).",
        "不设常数的参照方案（默认排序后的第一个）。",
    ),
    "cli.choice_opt_method": (
        "Optimiser: newton (exact Hessian, default) or lbfgs.",
        "优化方法：newton（精确 Hessian，默认）或 lbfgs。",
    ),
    "cli.choice_opt_save": (
        "Save the fitted model to this JSON file.",
        "将拟合的模型保存为此 JSON 文件。",
    ),
    "cli.choice_opt_sheet": ("Excel sheet to read.", "要读取的 Excel 工作表。"),
    "cli.choice_opt_model": (
        "Model JSON saved by custvalue choice fit --save.",
        "由 custvalue choice fit --save 保存的模型 JSON。",
    ),
    "cli.choice_opt_change": (
        "What-if change ALT:ATTR=VALUE (or +=, -=), e.g. 海尔:价格=3700. Repeatable; all apply together.",
        "假设变更 方案:属性=值（或 +=、-=），例如 海尔:价格=3700。可重复，同时生效。",
    ),
    "cli.choice_fit_title": ("Conditional logit — {file}", "条件 logit 模型 — {file}"),
    "cli.choice_fit_stats": (
        "Log-likelihood {log_likelihood:,.3f} (equal shares: {null_log_likelihood:,.3f}); McFadden ρ² = {rho_squared:.4f}; {situations:,} situations, {rows:,} rows; {iterations} iterations.",
        "对数似然 {log_likelihood:,.3f}（等份额模型：{null_log_likelihood:,.3f}）；McFadden ρ² = {rho_squared:.4f}；{situations:,} 个情境，{rows:,} 行；迭代 {iterations} 次。",
    ),
    "cli.choice_wtp_note": (
        "Willingness to pay = −β/β({price}): money per unit of the attribute (per level against the reference for categories).",
        "支付意愿 = −β/β（{price}）：属性每增加一个单位愿多付的金额（类别属性为相对参照类别）。",
    ),
    "cli.choice_saved": ("Model saved to {path}.", "模型已保存至 {path}。"),
    "cli.choice_predict_title": (
        "Predicted choice shares — {file} ({situations} situation(s))",
        "预测选择份额 — {file}（{situations} 个情境）",
    ),
    "cli.choice_whatif_title": ("What if: {changes} — {file}", "假设：{changes} — {file}"),
    "cli.choice_winner": ("Most likely choice: {winner}.", "最可能的选择：{winner}。"),
    "cli.choice_winner_change": (
        "Most likely choice: {before} before, {after} after.",
        "最可能的选择：变更前 {before}，变更后 {after}。",
    ),
    "cli.choice_rule": (
        "Deterministic rule (highest utility wins): {winner} over {runner_up}, utility difference {difference:.3f}, V1:V2 = e^diff = {ratio:.3f}.",
        "确定性规则（效用最高者胜出）：{winner} 胜过 {runner_up}，效用差 {difference:.3f}，V1:V2 = e^差 = {ratio:.3f}。",
    ),
    # --- column labels of this area ---
    "col.situation": ("Situation", "情境"),
    "col.z_value": ("z", "z 值"),
    "col.p_value": ("p", "p 值"),
    "col.wtp": ("Willingness to pay", "支付意愿"),
    "col.wtp_std_error": ("WTP std. error", "支付意愿标准误"),
    "col.before_share": ("Share before", "变更前份额"),
    "col.after_share": ("Share after", "变更后份额"),
    "col.change_share": ("Change", "份额变化"),
    "col.utility_before": ("Utility before", "变更前效用"),
    "col.utility_after": ("Utility after", "变更后效用"),
    "col.runner_up": ("Runner-up", "次优方案"),
    "col.winner_value": ("Winner's value", "胜出者价值"),
    "col.runner_up_value": ("Runner-up's value", "次优者价值"),
    "col.tie": ("Tie", "并列"),
    "col.elasticity": ("Elasticity", "弹性"),
}
