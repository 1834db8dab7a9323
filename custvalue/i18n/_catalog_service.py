"""The complaint centre's rules: working calendar, SLA targets, workflow, reports
(custvalue.service; docs/keeping.md §2)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- labels -----------------------------------------------------------------------------
    "service.status_received": ("received", "受理"),
    "service.status_investigating": ("investigating", "调查"),
    "service.status_resolving": ("resolving", "处理"),
    "service.status_replied": ("replied", "反馈"),
    "service.status_callback": ("call-back", "回访"),
    "service.status_closed": ("closed", "结案"),
    "service.severity_ordinary": ("ordinary", "一般"),
    "service.severity_major": ("major", "重大"),
    "service.severity_urgent": ("urgent", "紧急"),
    "service.state_running": ("running", "进行中"),
    "service.state_met": ("met", "已达成"),
    "service.state_failed": ("failed", "未达成"),
    "service.target_hours": ("{amount} hours", "{amount} 小时"),
    "service.target_working_hours": ("{amount} working hours", "{amount} 个工作小时"),
    "service.target_working_days": ("{amount} working days", "{amount} 个工作日"),
    # -- the calendar file's comments -------------------------------------------------------------
    "service.toml_calendar_header": (
        "The working calendar of the complaint centre: edit it, then name this file in the "
        "settings (service.calendar).",
        "投诉中心的工作日历：修改后在设置中指定此文件（service.calendar）。",
    ),
    "service.toml_calendar_years": (
        'the years whose holidays below are complete ("2004-2026", 2027 or "all"); a '
        "deadline running through another year is flagged.",
        '下方节假日已完整列出的年份（"2004-2026"、2027 或 "all"）；期限跨越其他年份时会提示。',
    ),
    "service.toml_calendar_weekdays": (
        "the working days of the week (mon, tue, wed, thu, fri, sat, sun).",
        "每周的工作日（mon、tue、wed、thu、fri、sat、sun）。",
    ),
    "service.toml_calendar_holidays": (
        "days off even on a working weekday (public holidays, company days off), as YYYY-MM-DD.",
        "即使是工作日也休息的日期（法定节假日、公司假日），格式 YYYY-MM-DD。",
    ),
    "service.toml_calendar_workdays": (
        "make-up working days on days otherwise off (调休), as YYYY-MM-DD.",
        "原本休息、调整为上班的日期（调休），格式 YYYY-MM-DD。",
    ),
    "service.toml_calendar_hours": (
        'day = the working hours of a working day, "HH:MM-HH:MM" each (24:00 = midnight).',
        'day = 工作日的上班时段，每段写作 "HH:MM-HH:MM"（24:00 表示午夜）。',
    ),
    # -- instants -----------------------------------------------------------------------------
    "service.not_a_datetime": (
        "{name} must be a date with a time (a datetime); got {value} ({type}). Give the "
        "local time, e.g. 2026-12-04 09:30.",
        "{name} 须为带时刻的日期时间；收到 {value}（{type}）。请给出本地时间，例如 2026-12-04 09:30。",
    ),
    "service.aware_datetime": (
        "{name} carries a time zone ({value}); complaint times are naive local times of the "
        "company. Convert it to local time and drop the zone.",
        "{name} 带有时区（{value}）；投诉时间应为公司所在地的本地时间（不带时区）。请换算为本地时间并去掉时区。",
    ),
    "service.bad_amount": (
        "{name} must be a non-negative duration (a timedelta); got {value}.",
        "{name} 须为非负的时长（timedelta）；收到 {value}。",
    ),
    "service.deadline_out_of_range": (
        "The deadline from {start} after {amount} falls after the year 9999; use a shorter target.",
        "从 {start} 起经过 {amount} 的期限超出了 9999 年；请缩短目标时长。",
    ),
    # -- the calendar ---------------------------------------------------------------------------
    "service.file_unreadable": (
        "Cannot read the settings file {file}: {detail}. Check the path and that it is "
        "UTF-8 TOML (write a fresh one with custvalue complaints calendar --write FILE).",
        "无法读取设置文件 {file}：{detail}。请检查路径，并确认它是 UTF-8 编码的 TOML 文件"
        "（可用 custvalue complaints calendar --write FILE 重新生成）。",
    ),
    "service.calendar_bad_key": (
        "{source}: unknown key {key}. The calendar file knows: {allowed}.",
        "{source}：未知的键 {key}。日历文件可用的键：{allowed}。",
    ),
    "service.bad_type": (
        "{source}: {key} = {value} has the wrong form; write it like {expected}.",
        "{source}：{key} = {value} 格式不对；请写成 {expected} 的形式。",
    ),
    "service.calendar_bad_time": (
        "{source}: {key}: {value} is not a working-time range; write HH:MM-HH:MM with the "
        "start before the end, e.g. 09:00-12:00 (24:00 for midnight).",
        "{source}：{key}：{value} 不是有效的上班时段；请写成 HH:MM-HH:MM，开始早于结束，例如 09:00-12:00（午夜写 24:00）。",
    ),
    "service.calendar_overlap": (
        "{source}: the working hours {first} and {second} overlap; make each range end "
        "before the next begins (e.g. 09:00-12:00, 13:00-18:00).",
        "{source}：上班时段 {first} 与 {second} 重叠；请让每段在下一段开始前结束（例如 09:00-12:00、13:00-18:00）。",
    ),
    "service.calendar_no_hours": (
        "{source}: no working hours are given; list at least one range, e.g. [hours] day = "
        '["09:00-12:00", "13:00-18:00"].',
        '{source}：没有设置上班时段；请至少列出一段，例如 [hours] day = ["09:00-12:00", "13:00-18:00"]。',
    ),
    "service.calendar_no_weekdays": (
        '{source}: no weekday is a working day; list them, e.g. weekdays = ["mon", "tue", '
        '"wed", "thu", "fri"].',
        '{source}：没有任何工作日；请列出，例如 weekdays = ["mon", "tue", "wed", "thu", "fri"]。',
    ),
    "service.calendar_bad_weekday": (
        "{source}: {key}: {value} is not a weekday; use: {allowed}.",
        "{source}：{key}：{value} 不是星期名；可用：{allowed}。",
    ),
    "service.calendar_bad_date": (
        "{source}: {key}: {value} is not a date; write YYYY-MM-DD, e.g. 2026-10-01.",
        "{source}：{key}：{value} 不是日期；请写成 YYYY-MM-DD，例如 2026-10-01。",
    ),
    "service.calendar_bad_years": (
        '{source}: years: {value} is not a list of years; write e.g. years = ["2004-2026", '
        '2027], or years = "all".',
        '{source}：years：{value} 不是年份列表；请写成例如 years = ["2004-2026", 2027]，或 years = "all"。',
    ),
    "service.calendar_bad_extends": (
        '{source}: extends = {value} is not a known calendar; the only one is "chinese" '
        "(or leave the key out).",
        '{source}：extends = {value} 不是已知的日历；目前只有 "chinese"（或删去此键）。',
    ),
    "service.calendar_conflict": (
        "{source}: {count} day(s) are both holidays and workdays, the first {day}; keep each "
        "day in one list only.",
        "{source}：有 {count} 天同时列为节假日和调休工作日，第一天是 {day}；每天只能出现在一个列表中。",
    ),
    "service.calendar_no_data": (
        "The Chinese calendar package has no holidays for {year}: it covers {first}–{last}. "
        'Add that year\'s holidays and make-up days to a calendar file (extends = "chinese") '
        "or update the chinese-calendar package.",
        "中国节假日数据包没有 {year} 年的数据：只覆盖 {first}–{last} 年。请在日历文件中补充该年的节假日和调休"
        '（extends = "chinese"），或升级 chinese-calendar 包。',
    ),
    # -- SLA -----------------------------------------------------------------------------------
    "service.bad_severity": (
        "{value} is not a complaint severity; use one of: {allowed}.",
        "{value} 不是投诉级别；可用：{allowed}。",
    ),
    "service.sla_bad_target": (
        '{source}: {key} = {value} is not a target; write a number and a unit: "24 h" (clock '
        'hours, nights and weekends included), "24 working hours" or "3 working days".',
        '{source}：{key} = {value} 不是有效的时限；请写数字加单位："24 小时"（自然小时，夜间和周末照常计时）、'
        '"24 工作小时" 或 "3 个工作日"。',
    ),
    "service.sla_bad_key": (
        "{source}: unknown key {key}; a severity's targets are: {allowed}.",
        "{source}：未知的键 {key}；每个级别可设的时限：{allowed}。",
    ),
    "service.sla_duplicate": (
        "{source}: {first} and {second} name the same severity; keep one of them.",
        "{source}：{first} 和 {second} 指同一个级别；请只保留一个。",
    ),
    "service.sla_severities": (
        "SLA policies must give each severity once ({expected}); got: {given}.",
        "SLA 时限须为每个级别各设一次（{expected}）；收到：{given}。",
    ),
    "service.bad_pause": (
        "paused[{index}] = {value} is not a pause; give (start, end) with the end not before "
        "the start (an ongoing pause ends now).",
        "paused[{index}] = {value} 不是有效的暂停区间；请给出（开始, 结束），结束不早于开始（仍在暂停的以当前时间为结束）。",
    ),
    # -- workflow -------------------------------------------------------------------------------
    "service.unknown_status": (
        "{name}: {value} is not a status of the complaint workflow; use one of: {allowed}.",
        "{name}：{value} 不是投诉流程中的状态；可用：{allowed}。",
    ),
    "service.bad_move": (
        "A complaint cannot move from {current} to {target}; from {current} it can go to: "
        "{allowed} (going back is only a reopen, with a reason).",
        "投诉不能从 {current} 转到 {target}；从 {current} 可以转到：{allowed}（只能以重新打开的方式退回，并须说明原因）。",
    ),
    "service.reopen_needs_reason": (
        "Reopening a complaint from {current} to {target} needs a reason; say why it is reopened.",
        "将投诉从 {current} 重新打开到 {target} 需要说明原因；请填写重开原因。",
    ),
    "service.close_needs_callback": (
        "Closing a complaint ({target}) needs the call-back result: the customer's satisfaction "
        "1–5, or mark the customer unreachable.",
        "结案（{target}）前须有回访结果：客户满意度 1–5 分，或注明客户联系不上。",
    ),
    "service.callback_conflict": (
        "The call-back gave a satisfaction of {satisfaction} and also says the customer was "
        "unreachable; give one of the two.",
        "回访结果既有满意度 {satisfaction} 分又注明客户联系不上；请只给出其中一项。",
    ),
    "service.workflow_too_short": (
        "A complaint workflow needs at least 2 statuses; got {count}.",
        "投诉流程至少需要 2 个状态；收到 {count} 个。",
    ),
    "service.workflow_bad_status": (
        "{value} cannot be a status code: codes are lower-case letters, digits and _ (starting "
        "with a letter), each used once.",
        "{value} 不能作为状态代码：代码由小写字母、数字和 _ 组成（以字母开头），且不能重复。",
    ),
    "service.workflow_unknown_status": (
        "{name} = {value} is not one of the workflow's statuses ({allowed}).",
        "{name} = {value} 不是流程中的状态（{allowed}）。",
    ),
    "service.workflow_order": (
        "The workflow's statuses are out of order: {first} must come before {second}.",
        "流程状态的顺序不对：{first} 须排在 {second} 之前。",
    ),
    "service.workflow_bad_key": (
        "{source}: unknown key {key}; the workflow settings are: {allowed}.",
        "{source}：未知的键 {key}；流程设置可用的键：{allowed}。",
    ),
    "service.bad_number_prefix": (
        "The complaint number prefix {value} must be 1–6 capital letters, e.g. TS.",
        "投诉编号前缀 {value} 须为 1–6 个大写字母，例如 TS。",
    ),
    "service.bad_complaint_number": (
        "{value} is not a complaint number; they read like TS20261204-0001 (prefix, day, "
        "sequence).",
        "{value} 不是投诉编号；编号形如 TS20261204-0001（前缀、日期、当日序号）。",
    ),
    # -- reports -----------------------------------------------------------------------------------
    "service.column_not_datetime": (
        "Column {column} must hold date-times; it holds {dtype}. Parse it as a datetime first.",
        "列 {column} 须为日期时间；实际为 {dtype}。请先将其解析为日期时间。",
    ),
    "service.created_missing": (
        "{count} complaint(s) have no creation time (first: {first}); every complaint needs "
        "created_at.",
        "有 {count} 条投诉没有受理时间（第一条：{first}）；每条投诉都必须有 created_at。",
    ),
}
