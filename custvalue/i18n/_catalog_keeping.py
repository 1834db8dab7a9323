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
    "contacts.bad_name": (
        "{option} needs a text of 1 to 200 characters, got {value!r}",
        "{option} 需要 1 至 200 个字符的文字，收到的是 {value!r}",
    ),
    "contacts.no_customers_named": (
        "no customer named: give at least one customer id",
        "未指定客户：请至少给出一个客户编号",
    ),
    "contacts.unknown_customer": (
        "no customer with id {ids} in the ledger; check the id or import the customer first",
        "客户台账中没有编号为 {ids} 的客户；请核对编号或先导入该客户",
    ),
    "contacts.same_owner": (
        "--from and --to are both {owner}: name the person who takes the customers over",
        "--from 与 --to 都是 {owner}：请指定接手这些客户的人",
    ),
    "contacts.unknown_owner": (
        "nobody called {owner} looks after any customer; owners now: {owners}",
        "没有名为 {owner} 的负责人在负责客户；当前负责人：{owners}",
    ),
    "contacts.no_owner": (
        "customer {customer} has no owner yet: give --owner, or assign one first "
        "(custvalue contacts assign)",
        "客户 {customer} 还没有负责人：请给出 --owner，或先指定负责人（custvalue contacts assign）",
    ),
    "contacts.unknown_contact": (
        "no contact number {contact}; custvalue contacts list shows them",
        "没有编号为 {contact} 的接触记录；custvalue contacts list 可列出全部",
    ),
    "contacts.not_planned": (
        "contact {contact} is {state}, not planned: only a planned contact can be logged "
        "as done or cancelled",
        "接触 {contact} 的状态是 {state}，不是计划中：只有计划中的接触才能记录完成或取消",
    ),
    "contacts.log_needs_target": (
        "say what was done: a planned contact (--contact ID) or a customer (--customer ID)",
        "请说明完成的是哪项：计划中的接触（--contact 编号）或某位客户（--customer 编号）",
    ),
    # --- custvalue contacts ---------------------------------------------------------
    "contacts.help": (
        "The contact plan: who looks after each customer, planned visits and calls, what "
        "was done, overdue contacts, handing a departing owner's customers over.",
        "接触计划：谁负责哪位客户、计划中的拜访和电话、已完成的接触、逾期接触，以及离职人员客户的交接。",
    ),
    "contacts.assign_help": ("Make someone the owner of customers.", "指定客户的负责人。"),
    "contacts.plan_help": (
        "Plan the next contact of every owned customer who has none planned (key customers "
        "most often).",
        "为每位有负责人但尚无计划的客户安排下一次接触（重点客户最频繁）。",
    ),
    "contacts.add_help": ("Plan one contact with a customer.", "为客户安排一次接触。"),
    "contacts.log_help": (
        "Record what was done: a planned contact, or an unplanned interaction with a customer.",
        "记录已完成的接触：计划中的接触，或与客户的临时互动。",
    ),
    "contacts.cancel_help": ("Drop a planned contact, saying why.", "取消计划中的接触并说明原因。"),
    "contacts.list_help": ("List contacts, planned first.", "列出接触记录（计划中的在前）。"),
    "contacts.overdue_help": (
        "Per owner: customers, planned and overdue contacts, done in the last 30 days.",
        "按负责人：客户数、计划中与逾期的接触、近 30 天完成的接触。",
    ),
    "contacts.reassign_help": (
        "Hand every customer of someone leaving to someone else, with their planned contacts.",
        "将离职人员的全部客户连同计划中的接触移交给他人。",
    ),
    "contacts.every_help": (
        "Show or set the days between contacts per customer class.",
        "查看或设置各客户类别的接触间隔天数。",
    ),
    "contacts.arg_customers": ("Customer ids.", "客户编号。"),
    "contacts.arg_customer": ("The customer's id.", "客户编号。"),
    "contacts.arg_every": (
        "Days per class, e.g. key=30,develop=60,ordinary=120.",
        "各类别的天数，例如 key=30,develop=60,ordinary=120。",
    ),
    "contacts.opt_owner": ("The person who looks after the customer.", "负责该客户的人。"),
    "contacts.opt_as_of": (
        "The day to plan from or count overdue at (YYYY-MM-DD; default today).",
        "计划起始或计算逾期的日期（YYYY-MM-DD，默认今天）。",
    ),
    "contacts.opt_note": ("A note.", "备注。"),
    "contacts.opt_reason": ("Why.", "原因。"),
    "contacts.opt_due": ("Due date (YYYY-MM-DD).", "计划日期（YYYY-MM-DD）。"),
    "contacts.opt_kind": (
        "visit, call, meeting or email.",
        "visit（拜访）、call（电话）、meeting（会面）或 email（邮件）。",
    ),
    "contacts.opt_outcome": ("What came of it.", "接触结果。"),
    "contacts.opt_contact": ("The planned contact's number.", "计划接触的编号。"),
    "contacts.opt_customer": ("The customer's id.", "客户编号。"),
    "contacts.opt_next": (
        "Plan the next contact at the class's frequency.",
        "按类别间隔自动安排下一次接触。",
    ),
    "contacts.opt_state": (
        "planned, done or cancelled.",
        "planned（计划中）、done（已完成）或 cancelled（已取消）。",
    ),
    "contacts.opt_overdue": (
        "Only planned contacts past their due date.",
        "只列出已过期的计划接触。",
    ),
    "contacts.opt_limit": ("At most this many rows.", "最多显示的行数。"),
    "contacts.opt_from": ("The owner who leaves.", "离开的负责人。"),
    "contacts.opt_to": ("The owner who takes the customers over.", "接手客户的负责人。"),
    "contacts.assigned": (
        "{count} customer(s) now looked after by {owner}.",
        "已有 {count} 位客户改由 {owner} 负责。",
    ),
    "contacts.planned": ("{count} contact(s) planned.", "已安排 {count} 次接触。"),
    "contacts.added": (
        "Contact {contact} planned with {customer} on {due}.",
        "已安排接触 {contact}：客户 {customer}，日期 {due}。",
    ),
    "contacts.logged": ("Contact {contact} recorded as done.", "接触 {contact} 已记录为完成。"),
    "contacts.cancelled": ("Contact {contact} cancelled.", "接触 {contact} 已取消。"),
    "contacts.reassigned": (
        "{customers} customer(s) and {planned} planned contact(s) moved from {source} to "
        "{target}; done contacts keep who did them.",
        "已将 {customers} 位客户和 {planned} 次计划接触从 {source} 移交给 {target}；已完成的接触保留原经办人。",
    ),
    "contacts.frequencies": (
        "Days between contacts: key customers {key}, to develop {develop}, ordinary {ordinary}.",
        "接触间隔天数：重点客户 {key}，待发展客户 {develop}，普通客户 {ordinary}。",
    ),
    "contacts.title_list": ("Contacts (as of {as_of})", "接触记录（截至 {as_of}）"),
    "contacts.list_note": ("{shown} of {total} shown.", "显示 {total} 条中的 {shown} 条。"),
    "contacts.title_overdue": (
        "Contacts per owner (as of {as_of})",
        "各负责人的接触（截至 {as_of}）",
    ),
    "contacts.overdue_note": (
        "Overdue: planned contacts past their due date.",
        "逾期：已过计划日期仍未完成的接触。",
    ),
    "contacts.no_owners": (
        "No customer has an owner yet: custvalue contacts assign CUSTOMER --owner NAME.",
        "还没有客户指定负责人：custvalue contacts assign 客户编号 --owner 姓名。",
    ),
    "contacts.kind_visit": ("visit", "拜访"),
    "contacts.kind_call": ("call", "电话"),
    "contacts.kind_meeting": ("meeting", "会面"),
    "contacts.kind_email": ("e-mail", "邮件"),
    "contacts.state_planned": ("planned", "计划中"),
    "contacts.state_done": ("done", "已完成"),
    "contacts.state_cancelled": ("cancelled", "已取消"),
    "col.contact_id": ("Contact", "接触编号"),
    "col.owner": ("Owner", "负责人"),
    "col.due_on": ("Due", "计划日期"),
    "col.done_at": ("Done at", "完成时间"),
    "col.done_by": ("Done by", "经办人"),
    "col.planned": ("Planned", "计划中"),
    "col.done_30d": ("Done, 30 days", "近 30 天完成"),
    "col.overdue": ("Overdue", "逾期"),
    "col.state": ("State", "状态"),
    "col.note": ("Note", "备注"),
    "col.created_at": ("Created", "创建时间"),
    "contacts.none_match": (
        "No contacts match; custvalue contacts plan schedules the next contact of every "
        "owned customer.",
        "没有符合条件的接触；custvalue contacts plan 可为每位有负责人的客户安排下一次接触。",
    ),
    # --- custvalue notices ----------------------------------------------------------
    "notices.unknown_shipment": (
        "no shipment {ids} in {db}; import shipments first (custvalue import shipments FILE)",
        "{db} 中没有发货记录 {ids}；请先导入发货记录（custvalue import shipments 文件）",
    ),
    "notices.no_address": (
        "shipment {shipment} has no e-mail address: add one to the shipments file (邮箱) or "
        "give --to",
        "发货记录 {shipment} 没有邮箱：请在发货文件中补充邮箱，或用 --to 指定收件人",
    ),
    "notices.mail_needs_both": (
        "give both --host and --sender to set the mail server (or neither, to see it)",
        "设置邮件服务器需要同时给出 --host 和 --sender（都不给则显示当前设置）",
    ),
    "notices.help": (
        "Proactive notices: the five-fact shipment notice, rendered from imported shipments "
        "and sent by e-mail, with a log of what was sent to whom.",
        "主动通知：根据导入的发货记录生成五要素发货通知并通过邮件发送，记录发给了谁。",
    ),
    "notices.render_help": ("Show the notice of one shipment.", "显示一条发货记录的通知。"),
    "notices.send_help": (
        "Send the notices of the shipments named, or of every shipment not sent yet.",
        "发送指定发货记录的通知，或所有尚未发送的通知。",
    ),
    "notices.log_help": ("What was sent to whom, newest first.", "通知发送记录（最新在前）。"),
    "notices.mail_help": (
        "Show or set the SMTP server notices are sent through.",
        "查看或设置发送通知所用的 SMTP 邮件服务器。",
    ),
    "notices.arg_shipment": ("The shipment's id.", "发货单号。"),
    "notices.arg_shipments": (
        "Shipment ids (none: every shipment not sent yet).",
        "发货单号（不给则为所有尚未发送的）。",
    ),
    "notices.opt_lang": ("Language of the notice: zh or en.", "通知语言：zh 或 en。"),
    "notices.opt_to": (
        "Send every notice to this address instead (e.g. a test to yourself).",
        "改为全部发送到此地址（例如先发给自己测试）。",
    ),
    "notices.opt_host": ("The SMTP server's host name.", "SMTP 服务器主机名。"),
    "notices.opt_sender": ("The sender's address.", "发件人地址。"),
    "notices.opt_port": ("The SMTP server's port.", "SMTP 服务器端口。"),
    "notices.opt_user": (
        "The login name (the password comes from CUSTVALUE_SMTP_PASSWORD).",
        "登录名（密码从环境变量 CUSTVALUE_SMTP_PASSWORD 读取）。",
    ),
    "notices.opt_starttls": ("Upgrade the connection with STARTTLS.", "用 STARTTLS 加密连接。"),
    "notices.opt_ssl": (
        "The server speaks TLS from the start (port 465).",
        "服务器从一开始即使用 TLS（端口 465）。",
    ),
    "notices.nothing_to_send": (
        "Every shipment's notice has been sent already.",
        "所有发货记录的通知都已发送。",
    ),
    "notices.outcome_sent": ("{shipment}: sent to {to}.", "{shipment}：已发送至 {to}。"),
    "notices.outcome_rendered": (
        "{shipment}: rendered and logged, not sent (no mail server: custvalue notices mail).",
        "{shipment}：已生成并记录，未发送（未设置邮件服务器：custvalue notices mail）。",
    ),
    "notices.outcome_failed": (
        "{shipment}: not sent to {to}: {reply}",
        "{shipment}：未能发送至 {to}：{reply}",
    ),
    "notices.summary": (
        "{sent} sent, {rendered} rendered only, {failed} failed (custvalue notices log).",
        "已发送 {sent} 条，仅生成 {rendered} 条，失败 {failed} 条（custvalue notices log）。",
    ),
    "notices.log_empty": ("No notice has been rendered or sent yet.", "还没有生成或发送过通知。"),
    "notices.state_sent": ("sent", "已发送"),
    "notices.state_rendered": ("rendered", "仅生成"),
    "notices.state_failed": ("failed", "失败"),
    "notices.title_log": ("Notices", "通知记录"),
    "notices.no_server": (
        "No mail server is set: notices are rendered and logged, not sent. Set one with "
        "custvalue notices mail --host HOST --sender ADDRESS.",
        "未设置邮件服务器：通知只生成并记录，不发送。用 custvalue notices mail --host 主机 --sender 地址 设置。",
    ),
    "notices.server": (
        "Notices go through {server}, from {sender}.",
        "通知经由 {server} 发送，发件人 {sender}。",
    ),
    "notices.password_from": (
        "The password is read from the {variable} environment variable when sending.",
        "发送时从环境变量 {variable} 读取密码。",
    ),
    "col.notice_id": ("Notice", "通知编号"),
    "col.to_address": ("To", "收件人"),
    "col.ref": ("Shipment", "发货单号"),
    "col.subject": ("Subject", "主题"),
    "col.reply": ("Server reply", "服务器回复"),
    "col.message_id": ("Message id", "邮件编号"),
    "col.sent_at": ("Sent at", "发送时间"),
    "col.user_name": ("By", "操作人"),
    "col.template": ("Template", "模板"),
    "col.lang": ("Language", "语言"),
    # --- complaints -------------------------------------------------------------------
    "complaints.needs_text": ("{option} needs a value", "{option} 不能为空"),
    "complaints.too_long": (
        "{option} holds {got} characters; at most {limit} are kept — shorten it",
        "{option} 有 {got} 个字符，最多 {limit} 个——请缩短",
    ),
    "complaints.needs_customer": (
        "say who complains: a customer id (--customer) or a contact name (--contact)",
        "请说明投诉人：客户编号（--customer）或联系人姓名（--contact）",
    ),
    "complaints.unknown_customer_id": (
        "no customer {customer} in the ledger; check the id, or give --contact for someone "
        "not in it",
        "客户台账中没有客户 {customer}；请核对编号，或对台账外的投诉人使用 --contact",
    ),
    "complaints.unknown_number": (
        "no complaint numbered {number}; custvalue complaints list shows them",
        "没有编号为 {number} 的投诉；custvalue complaints list 可列出全部",
    ),
    "complaints.assign_needs_target": (
        "give a team (--team), a person (--to) or both",
        "请给出团队（--team）、处理人（--to）或两者",
    ),
    "complaints.confirmation": (
        "Complaint {number} recorded on {created} for {who}.\n"
        "Category: {category} · severity: {severity}\n"
        "What you told us: {description}\n"
        "We will contact you by {response} and resolve it by {resolution}.",
        "投诉已受理，编号 {number}（{created}，投诉人：{who}）。\n"
        "类别：{category} · 级别：{severity}\n"
        "您反映的问题：{description}\n"
        "我们将于 {response} 前与您联系，并于 {resolution} 前处理完毕。",
    ),
    "complaints.help": (
        "Complaints on a clock: record and confirm, assign, move to closure with a call-back, "
        "the SLA clock on the working calendar, overdue complaints and reports.",
        "投诉管理：受理并确认、分派、按流程处理至回访结案；按工作日历计算时限，列出逾期投诉并出具报告。",
    ),
    "complaints.record_help": (
        "Record a complaint: its number, its deadlines and the confirmation to read back.",
        "受理一条投诉：生成编号、时限及向客户复述的确认内容。",
    ),
    "complaints.show_help": (
        "One complaint: its clocks and history.",
        "查看一条投诉：时限状态与处理记录。",
    ),
    "complaints.list_help": (
        "Complaints, newest first, with their SLA state.",
        "列出投诉（最新在前）及其时限状态。",
    ),
    "complaints.assign_help": (
        "Give a complaint to a team or a person.",
        "将投诉分派给团队或处理人。",
    ),
    "complaints.move_help": ("Move a complaint to a later status.", "将投诉推进到后续状态。"),
    "complaints.close_help": (
        "Close a complaint with the call-back's satisfaction (1–5) or --unreachable.",
        "以回访满意度（1–5）或 --unreachable 结案。",
    ),
    "complaints.reopen_help": ("Reopen a complaint, saying why.", "重新打开投诉并说明原因。"),
    "complaints.overdue_help": (
        "Complaints past a deadline, the latest first.",
        "已超过时限的投诉（超时最久的在前）。",
    ),
    "complaints.report_help": (
        "Failure rate and time to resolve by team, category, severity or period.",
        "按团队、类别、级别或期间统计时限未达成率与解决用时。",
    ),
    "complaints.causes_help": ("Complaint categories over time.", "各期投诉类别（原因）分布。"),
    "complaints.settings_help": (
        "Show, load or write the working calendar, SLA targets and workflow.",
        "查看、载入或导出工作日历、时限目标与处理流程。",
    ),
    "complaints.arg_number": (
        "The complaint's number (TS20261204-0001).",
        "投诉编号（如 TS20261204-0001）。",
    ),
    "complaints.arg_status": (
        "The status: received, investigating, resolving, replied, callback, closed.",
        "状态：received（受理）、investigating（调查）、resolving（处理）、replied（反馈）、callback（回访）、closed（结案）。",
    ),
    "complaints.opt_at": (
        "When it happened (YYYY-MM-DD HH:MM, local time; default now).",
        "发生时间（YYYY-MM-DD HH:MM，本地时间；默认现在）。",
    ),
    "complaints.opt_as_of": (
        "The moment the clocks are read at (YYYY-MM-DD HH:MM; default now).",
        "计算时限状态的时刻（YYYY-MM-DD HH:MM；默认现在）。",
    ),
    "complaints.opt_note": ("A note.", "备注。"),
    "complaints.opt_category": (
        "What the complaint is about, e.g. 送货延迟.",
        "投诉类别，例如“送货延迟”。",
    ),
    "complaints.opt_text": ("What the customer said.", "客户反映的内容。"),
    "complaints.opt_customer": ("The customer's id in the ledger.", "客户台账中的客户编号。"),
    "complaints.opt_contact": (
        "The person who complains (when not in the ledger).",
        "投诉人姓名（不在台账中时）。",
    ),
    "complaints.opt_order": ("The order concerned.", "相关订单号。"),
    "complaints.opt_channel": (
        "phone, email, wechat, visit, web, letter or other.",
        "phone（电话）、email（邮件）、wechat（微信）、visit（来访）、web（网站）、letter（信函）或 other（其他）。",
    ),
    "complaints.opt_severity": (
        "ordinary (一般), major (重大) or urgent (紧急).",
        "ordinary（一般）、major（重大）或 urgent（紧急）。",
    ),
    "complaints.opt_team": ("The team handling it.", "处理团队。"),
    "complaints.opt_to": ("The person handling it.", "处理人。"),
    "complaints.opt_lang": (
        "Language of the confirmation: zh or en.",
        "确认内容的语言：zh 或 en。",
    ),
    "complaints.opt_open": ("Only complaints not closed.", "只列出未结案的投诉。"),
    "complaints.opt_status": ("Only complaints in this status.", "只列出此状态的投诉。"),
    "complaints.opt_overdue": ("Only complaints past a deadline.", "只列出已超时的投诉。"),
    "complaints.opt_root_cause": ("The root cause found.", "查明的根本原因。"),
    "complaints.opt_score": ("The call-back's satisfaction, 1–5.", "回访满意度，1–5。"),
    "complaints.opt_unreachable": (
        "The customer could not be reached for the call-back.",
        "回访时联系不上客户。",
    ),
    "complaints.opt_reason": ("Why it is reopened.", "重新打开的原因。"),
    "complaints.opt_by": (
        "Group by team, category, severity, root_cause, assignee, channel, status or period "
        "(several with commas).",
        "分组依据：team、category、severity、root_cause、assignee、channel、status 或 period（多个用逗号分隔）。",
    ),
    "complaints.opt_period": (
        "day, week, month, quarter or year.",
        "day、week、month、quarter 或 year。",
    ),
    "complaints.opt_cause_by": (
        "category or root_cause.",
        "category（类别）或 root_cause（根本原因）。",
    ),
    "complaints.opt_load": (
        "A TOML file with the calendar, [sla] and [workflow] to use from now on.",
        "今后使用的 TOML 文件（工作日历、[sla] 与 [workflow]）。",
    ),
    "complaints.opt_write": (
        "Write the settings in force to this file, to edit.",
        "将当前设置写入此文件，以便编辑。",
    ),
    "complaints.reason_time": (
        "a date and time as YYYY-MM-DD HH:MM",
        "形如 YYYY-MM-DD HH:MM 的日期时间",
    ),
    "complaints.recorded": (
        "Complaint {number} recorded. Read it back to the customer:",
        "投诉 {number} 已受理。请向客户复述：",
    ),
    "complaints.head": (
        "{number} · {status} · {severity} · {category}",
        "{number} · {status} · {severity} · {category}",
    ),
    "complaints.who": (
        "Customer {customer} (contact {contact}) · via {channel} · order {order} · team "
        "{team} · handled by {assignee}",
        "客户 {customer}（联系人 {contact}）· 渠道：{channel} · 订单 {order} · 团队 {team} · 处理人 {assignee}",
    ),
    "complaints.clock_response": (
        "Response due {due}: {state} (reached {reached}) {left}",
        "响应时限 {due}：{state}（响应于 {reached}）{left}",
    ),
    "complaints.clock_resolution": (
        "Resolution due {due}: {state} (reached {reached}) {left}",
        "解决时限 {due}：{state}（解决于 {reached}）{left}",
    ),
    "complaints.hours_left": ("— {hours} h left", "——剩余 {hours} 小时"),
    "complaints.uncovered": (
        "The holiday calendar does not cover {years}: deadlines there count weekdays only; "
        "load a calendar with those years (custvalue complaints settings --load FILE).",
        "节假日历未覆盖 {years} 年：这些年份只按周一至周五计算时限；请载入含这些年份的日历（custvalue complaints settings --load 文件）。",
    ),
    "complaints.callback": (
        "Call-back: satisfaction {score} {note}",
        "回访：满意度 {score} {note}",
    ),
    "complaints.text": ("What the customer said: {text}", "客户反映：{text}"),
    "complaints.title_history": ("History", "处理记录"),
    "complaints.action_record": ("recorded", "受理"),
    "complaints.action_assign": ("assigned", "分派"),
    "complaints.action_forward": ("moved", "推进"),
    "complaints.action_close": ("closed", "结案"),
    "complaints.action_reopen": ("reopened", "重新打开"),
    "complaints.assigned": (
        "{number}: team {team}, handled by {assignee}.",
        "{number}：团队 {team}，处理人 {assignee}。",
    ),
    "complaints.moved": ("{number} is now {status}.", "{number} 当前状态：{status}。"),
    "complaints.target_now_response": ("Response target: {state}.", "响应时限：{state}。"),
    "complaints.target_now_resolution": ("Resolution target: {state}.", "解决时限：{state}。"),
    "complaints.target_response": ("response", "响应"),
    "complaints.target_resolution": ("resolution", "解决"),
    "complaints.none_match": (
        "No complaints match; custvalue complaints record records one, custvalue import "
        "complaints FILE brings a helpdesk's history.",
        "没有符合条件的投诉；custvalue complaints record 可受理投诉，custvalue import complaints 文件 可导入历史记录。",
    ),
    "complaints.none_overdue": ("No complaint is past a deadline.", "没有超时的投诉。"),
    "complaints.title_list": ("Complaints (clocks read at {now})", "投诉（时限计算于 {now}）"),
    "complaints.title_overdue": ("Overdue complaints", "超时投诉"),
    "complaints.overdue_note": (
        "{count} complaint(s) past a deadline; hours late on the clock and in working hours.",
        "{count} 条投诉已超时；超时时长按自然小时与工作小时分别列出。",
    ),
    "complaints.title_report": ("SLA by group", "各组时限达成情况"),
    "complaints.report_note": (
        "Failure rate: complaints with a missed target ÷ complaints; time to resolve in "
        "working hours on the calendar.",
        "未达成率 = 有时限未达成的投诉 ÷ 投诉数；解决用时按工作日历的工作小时计。",
    ),
    "complaints.title_causes": ("Complaint causes over time", "各期投诉原因"),
    "complaints.settings_loaded": ("Settings loaded from {file}.", "已从 {file} 载入设置。"),
    "complaints.settings_written": (
        "Settings written to {file}: edit it and load it back with --load.",
        "设置已写入 {file}：编辑后用 --load 载入。",
    ),
    "complaints.settings_now": (
        "Calendar and targets in force: {source}; public holidays known for {years}.",
        "当前使用的日历与时限：{source}；已知公共假日的年份：{years}。",
    ),
    "complaints.source_default": (
        "the official Chinese calendar and the default targets",
        "国家法定节假日历与默认时限",
    ),
    "complaints.source_settings": ("loaded settings", "已载入的设置"),
    "complaints.policy": (
        "{severity}: respond within {response}, resolve within {resolution}",
        "{severity}：{response} 内响应，{resolution} 内解决",
    ),
    "complaints.channel_phone": ("phone", "电话"),
    "complaints.channel_email": ("e-mail", "邮件"),
    "complaints.channel_wechat": ("WeChat", "微信"),
    "complaints.channel_visit": ("visit", "来访"),
    "complaints.channel_web": ("web", "网站"),
    "complaints.channel_letter": ("letter", "信函"),
    "complaints.channel_other": ("other", "其他"),
    "col.number": ("Number", "编号"),
    "col.severity": ("Severity", "级别"),
    "col.status": ("Status", "状态"),
    "col.team": ("Team", "团队"),
    "col.assignee": ("Handled by", "处理人"),
    "col.response_due": ("Respond by", "响应时限"),
    "col.response_state": ("Response", "响应"),
    "col.resolution_due": ("Resolve by", "解决时限"),
    "col.resolution_state": ("Resolution", "解决"),
    "col.channel": ("Channel", "渠道"),
    "col.contact": ("Contact", "联系人"),
    "col.target": ("Missed", "超时项"),
    "col.due": ("Due", "时限"),
    "col.late_hours": ("Hours late", "超时（小时）"),
    "col.late_working_hours": ("Working hours late", "超时（工作小时）"),
    "col.failure_rate": ("Failure rate", "未达成率"),
    "col.met": ("Met", "达成"),
    "col.running": ("Running", "进行中"),
    "col.failed": ("Failed", "未达成"),
    "col.response_failed": ("Response failed", "响应未达成"),
    "col.resolution_failed": ("Resolution failed", "解决未达成"),
    "col.overdue_now": ("Overdue now", "当前超时"),
    "col.resolved": ("Resolved", "已解决"),
    "col.median_hours_to_resolve": ("Median hours to resolve", "解决用时中位数（小时）"),
    "col.mean_hours_to_resolve": ("Mean hours to resolve", "平均解决用时（小时）"),
    "col.complaints": ("Complaints", "投诉数"),
    "col.root_cause": ("Root cause", "根本原因"),
    "col.happened_at": ("When", "时间"),
    "col.action": ("Action", "操作"),
    "col.from_status": ("From", "原状态"),
    "col.to_status": ("To", "新状态"),
    "winback.help": (
        "Win back lost and lapsing customers: who they are, ranked by former value × the odds "
        "of winning them back, with the reason when known.",
        "客户再生：找出流失与即将流失的客户，按以往价值 × 挽回可能性排序，并给出已知原因。",
    ),
    "simulate.help": (
        "Retention economics what-if: customers, revenue and profit year by year from your "
        "own retention, acquisition cost, margin, referrals and win-back; scenarios side by "
        "side; the seeds' claims tested on your numbers.",
        "留住老客户的经济账：按自己的留存率、获客成本、毛利、推荐与挽回，逐年推算客户数、收入与利润；多方案对比；用自己的数据检验书中的说法。",
    ),
    "card.help": (
        "The member card: stored value and points (earned on spend, usable as cash, expiring "
        "oldest first), refunds, tiers, statements — balances always from the ledger.",
        "贵宾卡：储值与积分（消费得积分、可抵现、先到期先用）、退款、会员等级与对账单——余额始终由流水推算。",
    ),
    "referrals.help": (
        "The referral programme and the doubling plan: who referred whom (first bound wins), "
        "rewards and clawbacks, excellent customers to ask, progress toward the goal.",
        "转介绍与客户倍增计划：谁推荐了谁（先绑定者有效）、奖励与追回、值得请求推荐的优质客户、目标进度。",
    ),
}
