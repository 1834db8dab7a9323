"""The keeping-customers pages of the workbench (custvalue/web/keeping.py): complaints,
a complaint, contacts and notices. Statuses, severities, SLA states, channels, contact
kinds and states, and the command line's sentences are reused from their own catalogs
(_catalog_service, _catalog_keeping)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- navigation and titles --------------------------------------------------------
    "keepweb.nav": ("Keeping customers", "客户维系"),
    "keepweb.nav_complaints": ("Complaints", "投诉"),
    "keepweb.nav_contacts": ("Contact plan", "接触计划"),
    "keepweb.nav_notices": ("Shipment notices", "发货通知"),
    "keepweb.complaints_title": ("Complaints", "投诉管理"),
    "keepweb.complaints_intro": (
        "Every complaint runs on two clocks on the working calendar: a reply by the response "
        "time, a solution by the resolution time. A clock is running, met or failed; a "
        "failed one stays failed.",
        "每条投诉按工作日历计两个时限：在响应时限前答复，在解决时限前解决。时限状态分为进行中、"
        "已达成和未达成；未达成的时限不会因之后完成而变为达成。",
    ),
    "keepweb.complaint_title": ("Complaint {number}", "投诉 {number}"),
    "keepweb.back_to_list": ("← all complaints", "← 全部投诉"),
    "keepweb.contacts_title": ("Contact plan", "接触计划"),
    "keepweb.contacts_intro": (
        "Who looks after each customer, the visits and calls planned, what was done, and "
        "the customers of someone leaving handed over with their history.",
        "谁负责哪位客户、计划中的拜访和电话、已完成的接触，以及离职人员客户连同历史的交接。",
    ),
    "keepweb.notices_title": ("Shipment notices", "发货通知"),
    "keepweb.notices_intro": (
        "The five-fact notice of a shipment (product and quantity, ship time, truck, "
        "driver's phone, expected arrival), rendered from the imported shipments and sent "
        "by e-mail; every attempt is logged.",
        "根据导入的发货记录生成五要素发货通知（产品规格与数量、发货时间、车牌号、司机电话、"
        "预计到达时间）并通过邮件发送；每次发送都有记录。",
    ),
    # --- the complaint list and the record form ------------------------------------------
    "keepweb.record_title": ("Record a complaint", "受理投诉"),
    "keepweb.record_intro": (
        "Give the customer's id, or a contact name for someone not in the ledger. The "
        "number and the deadlines are given when it is recorded; its page shows the "
        "confirmation to read back.",
        "填写客户编号；投诉人不在客户台账中时填写联系人姓名。受理时生成编号和时限，"
        "随后的投诉页面列出向客户复述的确认内容。",
    ),
    "keepweb.field_customer": ("Customer id", "客户编号"),
    "keepweb.field_contact": ("Contact (not in the ledger)", "联系人（不在台账中时）"),
    "keepweb.field_text": ("What the customer said", "客户反映的内容"),
    "keepweb.field_confirmation_lang": ("Confirmation in", "确认内容语言"),
    "keepweb.field_notice_lang": ("Notice in", "通知语言"),
    "keepweb.category_hint": ("e.g. late delivery", "例如：送货延迟"),
    "keepweb.record_button": ("Record", "受理"),
    "keepweb.list_title": ("All complaints", "投诉列表"),
    "keepweb.filter_open": ("open only", "只看未结案"),
    "keepweb.filter_overdue": ("overdue only", "只看已超时"),
    "keepweb.complaints_none": (
        "No complaint matches. Record one above, or import a helpdesk's history on the "
        "Imports page (kind: complaints).",
        "没有符合条件的投诉。可在上方受理投诉，或在“导入”页面导入历史投诉记录（类型：投诉）。",
    ),
    "keepweb.overdue_flag": ("overdue", "已超时"),
    "keepweb.badges_note": (
        "Rows marked red are past a deadline that has not been reached.",
        "标红的行已超过尚未完成的时限。",
    ),
    "keepweb.state_none": ("no target", "无时限"),
    "keepweb.col_who": ("Customer / contact", "客户 / 联系人"),
    "keepweb.overdue_table": ("Past a deadline at {now}", "截至 {now} 已超时"),
    "keepweb.report_table": ("By {by}", "按{by}"),
    "keepweb.causes_table": ("{by} by {period}", "按{period}统计的{by}"),
    "keepweb.rows_shown": ("Rows {first}–{last} of {total}", "第 {first}–{last} 条，共 {total} 条"),
    "keepweb.previous_page": ("previous page", "上一页"),
    "keepweb.group_by": ("Group by", "分组依据"),
    "keepweb.causes_by": ("Count by", "统计依据"),
    "keepweb.period_day": ("day", "日"),
    "keepweb.period_week": ("week", "周"),
    "keepweb.period_month": ("month", "月"),
    "keepweb.period_quarter": ("quarter", "季度"),
    "keepweb.period_year": ("year", "年"),
    "keepweb.chart_sla": (
        "Complaints per group by SLA state",
        "各组投诉的时限状态",
    ),
    "keepweb.chart_failure_rate": ("failure rate {rate}", "未达成率 {rate}"),
    "keepweb.cause_unknown": ("not found yet", "尚未查明"),
    # --- one complaint --------------------------------------------------------------------
    "keepweb.clock_response": ("Response", "响应时限"),
    "keepweb.clock_resolution": ("Resolution", "解决时限"),
    "keepweb.clock_due": ("Due", "时限"),
    "keepweb.clock_reached": ("Reached", "完成时间"),
    "keepweb.hours_left": ("{hours} h left", "剩余 {hours} 小时"),
    "keepweb.clocks_note": (
        "Clocks read at {now}, on the working calendar in force.",
        "时限按当前工作日历计算，计算时刻 {now}。",
    ),
    "keepweb.details_title": ("Details", "详情"),
    "keepweb.fact_recorded": ("Recorded", "受理"),
    "keepweb.recorded_by": ("{at} by {who}", "{at}，受理人 {who}"),
    "keepweb.fact_closed": ("Closed", "结案时间"),
    "keepweb.fact_callback": ("Call-back", "回访"),
    "keepweb.fact_callback_note": ("Call-back note", "回访备注"),
    "keepweb.callback_score": ("satisfaction {score} of 5", "满意度 {score}（满分 5）"),
    "keepweb.confirmation_title": ("Confirmation to read back", "向客户复述的确认内容"),
    "keepweb.confirmation_intro": (
        "What was recorded and when the customer hears back, in {lang_name}.",
        "受理内容及答复时间（{lang_name}）。",
    ),
    "keepweb.actions_title": ("Handle the complaint", "处理投诉"),
    "keepweb.assign_title": ("Assign", "分派"),
    "keepweb.assign_button": ("Assign", "分派"),
    "keepweb.move_title": ("Move forward", "推进"),
    "keepweb.move_to": ("To the status", "推进到"),
    "keepweb.move_button": ("Move", "推进"),
    "keepweb.close_title": ("Close after the call-back", "回访后结案"),
    "keepweb.close_score": ("Call-back satisfaction", "回访满意度"),
    "keepweb.score_1": ("1 – very dissatisfied", "1 – 非常不满意"),
    "keepweb.score_2": ("2 – dissatisfied", "2 – 不满意"),
    "keepweb.score_3": ("3 – neutral", "3 – 一般"),
    "keepweb.score_4": ("4 – satisfied", "4 – 满意"),
    "keepweb.score_5": ("5 – very satisfied", "5 – 非常满意"),
    "keepweb.close_unreachable": (
        "the customer could not be reached",
        "回访时联系不上客户",
    ),
    "keepweb.close_button": ("Close", "结案"),
    "keepweb.reopen_title": ("Reopen (back to {status})", "重新打开（退回{status}）"),
    "keepweb.reopen_reason": ("Why", "原因"),
    "keepweb.reopen_button": ("Reopen", "重新打开"),
    "keepweb.not_reopenable": (
        "Complaint {number} is {status}: only a complaint that is {allowed} can be reopened; "
        "move it forward instead.",
        "投诉 {number} 当前为“{status}”：只有处于 {allowed} 状态的投诉才能重新打开；请改为推进。",
    ),
    "keepweb.col_details": ("Details", "详情"),
    "keepweb.detail_satisfaction": ("Call-back satisfaction", "回访满意度"),
    "keepweb.detail_unreachable": ("customer unreachable", "联系不上客户"),
    "keepweb.detail_pair": ("{label}: {value}", "{label}：{value}"),
    # --- contacts -------------------------------------------------------------------------
    "keepweb.owners_title": ("Contacts per owner", "各负责人的接触"),
    "keepweb.no_owners": (
        "No customer has an owner yet: give customers an owner below.",
        "还没有客户指定负责人：请在下方为客户指定负责人。",
    ),
    "keepweb.contact_list_title": ("Contacts", "接触记录"),
    "keepweb.owners_table": ("Per owner at {as_of}", "截至 {as_of}，按负责人"),
    "keepweb.contacts_table": (
        "Planned ones first, as of {as_of}",
        "截至 {as_of}（计划中的在前）",
    ),
    "keepweb.filter_contacts_overdue": ("overdue only", "只看逾期"),
    "keepweb.contact_overdue_flag": ("overdue", "已逾期"),
    "keepweb.contacts_none": (
        "No contact matches. “Plan every customer's next contact” below schedules one for "
        "each owned customer.",
        "没有符合条件的接触。可用下方的“为每位客户安排下一次接触”为每位有负责人的客户安排。",
    ),
    "keepweb.contact_forms_title": ("Plan and record", "安排与记录"),
    "keepweb.plan_title": ("Plan every customer's next contact", "为每位客户安排下一次接触"),
    "keepweb.plan_intro": (
        "For each owned customer with nothing planned: a visit for key customers, a call "
        "for the others, at their class's interval after the last contact.",
        "为每位有负责人且尚无计划的客户安排：重点客户为拜访，其他客户为电话，"
        "日期为上次接触后按类别间隔推算。",
    ),
    "keepweb.field_as_of": ("Not before", "最早日期"),
    "keepweb.plan_button": ("Plan", "安排"),
    "keepweb.add_title": ("Plan one contact", "安排一次接触"),
    "keepweb.field_owner_optional": (
        "Owner (default: the customer's)",
        "负责人（默认为客户当前负责人）",
    ),
    "keepweb.add_button": ("Plan the contact", "安排接触"),
    "keepweb.log_title": ("Record a contact done", "记录已完成的接触"),
    "keepweb.log_intro": (
        "A planned contact by its number, or an unplanned one with a customer.",
        "填写计划接触的编号，或为临时接触填写客户编号。",
    ),
    "keepweb.field_contact_number": ("Planned contact's number", "计划接触编号"),
    "keepweb.field_or_customer": ("or the customer's id", "或客户编号"),
    "keepweb.plan_next": (
        "plan the next contact at the class's interval",
        "按类别间隔安排下一次接触",
    ),
    "keepweb.log_button": ("Record", "记录"),
    "keepweb.assign_owner_title": ("Give customers an owner", "指定客户负责人"),
    "keepweb.field_customers": (
        "Customer ids (comma or space between)",
        "客户编号（用逗号或空格分隔）",
    ),
    "keepweb.field_reason": ("Reason", "原因"),
    "keepweb.assign_owner_button": ("Assign", "指定"),
    "keepweb.reassign_title": ("Hand over a departing owner's customers", "离职交接"),
    "keepweb.reassign_intro": (
        "Every customer and planned contact of the one leaving goes to the one taking over; "
        "done contacts keep who did them.",
        "离职人员的全部客户和计划中的接触移交给接手人；已完成的接触保留原经办人。",
    ),
    "keepweb.field_from": ("From (leaving)", "移交人（离职）"),
    "keepweb.field_to": ("To (taking over)", "接手人"),
    "keepweb.reassign_button": ("Hand over", "移交"),
    "keepweb.reassign_confirm": (
        "Hand every customer of this owner over?",
        "确定移交该负责人的全部客户吗？",
    ),
    "keepweb.reason_date": ("a date as YYYY-MM-DD", "形如 YYYY-MM-DD 的日期"),
    "keepweb.hint_date": ("For example 2026-03-02.", "例如 2026-03-02。"),
    # --- notices --------------------------------------------------------------------------
    "keepweb.render_title": ("A shipment's notice", "查看发货通知"),
    "keepweb.render_intro": (
        "The notice as the customer would read it; nothing is sent or logged.",
        "按客户收到的样子显示通知；不发送，也不记录。",
    ),
    "keepweb.render_button": ("Show", "显示"),
    "keepweb.send_title": ("Send notices", "发送通知"),
    "keepweb.field_shipments": ("Shipment numbers", "发货单号"),
    "keepweb.shipments_hint": (
        "empty: all not sent yet",
        "留空：全部尚未发送的",
    ),
    "keepweb.field_send_to": ("Send all to (a test)", "全部改发至（测试用）"),
    "keepweb.send_to_hint": ("empty: each one's address", "留空：各自的邮箱"),
    "keepweb.send_button": ("Send", "发送"),
    "keepweb.send_confirm": ("Send these notices now?", "现在发送这些通知吗？"),
    "keepweb.no_server": (
        "No mail server is set: notices are rendered and logged, not sent.",
        "未设置邮件服务器：通知只生成并记录，不发送。",
    ),
    "keepweb.batch_title": ("This sending", "本次发送"),
    "keepweb.send_summary": (
        "{sent} sent, {rendered} rendered only, {failed} failed.",
        "已发送 {sent} 条，仅生成 {rendered} 条，失败 {failed} 条。",
    ),
    "keepweb.rendered_only_note": (
        "“Rendered only”: no mail server is set, so those notices were logged but not sent.",
        "“仅生成”：未设置邮件服务器，这些通知已记录但未发送。",
    ),
    "keepweb.template_shipment": ("shipment notice", "发货通知"),
    "keepweb.log_table": ("Every notice, newest first", "全部通知（最新在前）"),
    "keepweb.mail_title": ("Mail server", "邮件服务器"),
    "keepweb.mail_host": ("SMTP server", "SMTP 服务器"),
    "keepweb.mail_port": ("Port", "端口"),
    "keepweb.mail_username": ("Login name", "登录名"),
    "keepweb.mail_sender": ("Sender's address", "发件人地址"),
    "keepweb.mail_security": ("Encryption", "加密方式"),
    "keepweb.mail_starttls": ("STARTTLS", "STARTTLS"),
    "keepweb.mail_ssl": ("TLS from the start (port 465)", "全程 TLS（端口 465）"),
    "keepweb.mail_plain": ("none", "无"),
    "keepweb.password_set": (
        "{variable} is set in the server's environment.",
        "服务器环境中已设置 {variable}。",
    ),
    "keepweb.password_not_set": (
        "{variable} is not set in the server's environment.",
        "服务器环境中未设置 {variable}。",
    ),
    "keepweb.mail_form_title": ("Set the mail server", "设置邮件服务器"),
    "keepweb.mail_button": ("Save", "保存"),
    "keepweb.mail_no_password": (
        "There is no password field: the password is never stored. Set {variable} in the "
        "environment of the server process.",
        "此处没有密码栏：密码从不保存。请在服务器进程的环境中设置 {variable}。",
    ),
    "keepweb.mail_saved": ("The mail server was saved.", "邮件服务器已保存。"),
}
