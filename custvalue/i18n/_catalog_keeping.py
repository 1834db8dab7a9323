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
    "notices.opt_ssl": ("The server speaks TLS from the start (port 465).", "服务器从一开始即使用 TLS（端口 465）。"),
    "notices.nothing_to_send": (
        "Every shipment's notice has been sent already.", "所有发货记录的通知都已发送。"
    ),
    "notices.outcome_sent": ("{shipment}: sent to {to}.", "{shipment}：已发送至 {to}。"),
    "notices.outcome_rendered": (
        "{shipment}: rendered and logged, not sent (no mail server: custvalue notices mail).",
        "{shipment}：已生成并记录，未发送（未设置邮件服务器：custvalue notices mail）。",
    ),
    "notices.outcome_failed": ("{shipment}: not sent to {to}: {reply}", "{shipment}：未能发送至 {to}：{reply}"),
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
    "notices.server": ("Notices go through {server}, from {sender}.", "通知经由 {server} 发送，发件人 {sender}。"),
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
}
