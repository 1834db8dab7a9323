"""The web workbench: pages, accounts, sessions, the API's errors; `users` and `serve`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- chrome
    "web.app_name": ("custvalue workbench", "custvalue 工作台"),
    "web.api_summary": (
        "Customer value management: the workbench's JSON API.",
        "客户价值管理：工作台的 JSON 接口。",
    ),
    "web.nav_label": ("Main menu", "主菜单"),
    # -- shared pieces: tables, exports, charts
    "web.export_csv": ("CSV", "CSV"),
    "web.export_xlsx": ("Excel", "Excel"),
    "web.table_empty": ("Nothing to show.", "暂无数据。"),
    "web.table_rows_of": (
        "{shown} of {total} rows shown.",
        "共 {total} 行，显示 {shown} 行。",
    ),
    "web.save_png": ("Save as PNG", "保存为 PNG 图片"),
    "web.export_unknown": (
        "Export format {value!r} is not one the workbench writes: use {allowed}.",
        "导出格式 {value!r} 不受支持：请使用 {allowed}。",
    ),
    "web.export_no_table": (
        "This page has no table {value!r} to export; its tables are: {allowed}.",
        "本页没有名为 {value!r} 的表格可导出；本页的表格：{allowed}。",
    ),
    "web.nav_home": ("Overview", "概览"),
    "web.nav_customers": ("Customers", "客户"),
    "web.nav_jobs": ("Jobs", "任务"),
    "web.nav_imports": ("Imports", "导入"),
    "web.nav_clv": ("Predictive CLV", "预测 CLV"),
    "web.nav_users": ("Users", "用户"),
    "web.nav_audit": ("Audit log", "审计日志"),
    "web.lang_label": ("Language", "语言"),
    "web.logout": ("Log out", "退出登录"),
    "web.footer": (
        "custvalue — what each customer is worth, and why customers choose you.",
        "custvalue —— 每位客户值多少，客户为何选择您。",
    ),
    "web.role_viewer": ("viewer", "查看者"),
    "web.role_analyst": ("analyst", "分析师"),
    "web.role_admin": ("admin", "管理员"),
    "web.role_viewer_means": ("reads every page and the API", "可查看所有页面和接口"),
    "web.role_analyst_means": (
        "also imports files, fits models and edits",
        "还可导入文件、拟合模型和编辑",
    ),
    "web.role_admin_means": ("also manages users and settings", "还可管理用户和设置"),
    "web.roles_explained": (
        "Viewers read; analysts also import, fit and edit; admins also manage users and settings.",
        "查看者只读；分析师还可导入、拟合和编辑；管理员还可管理用户和设置。",
    ),
    "web.lang_en": ("English", "英文"),
    "web.lang_zh": ("Chinese", "中文"),
    "web.lang_auto": ("browser's language", "跟随浏览器"),
    # -- login
    "web.login_title": ("Log in", "登录"),
    "web.login_intro": (
        "Log in with the name and password your administrator gave you.",
        "请用管理员提供的用户名和密码登录。",
    ),
    "web.login_help": (
        "No account yet? An administrator creates one on the Users page, or on the server "
        "with: custvalue users add NAME --role viewer",
        "还没有账号？管理员可在“用户”页面创建，或在服务器上运行："
        "custvalue users add 用户名 --role viewer",
    ),
    "web.field_name": ("Name", "用户名"),
    "web.field_password": ("Password", "密码"),
    "web.login_button": ("Log in", "登录"),
    # -- errors (pages)
    "web.error_title": ("Error {status}", "错误 {status}"),
    "web.back_home": ("Back to the home page", "返回首页"),
    # -- users page
    "web.users_title": ("Users", "用户"),
    "web.add_user": ("Add a user", "添加用户"),
    "web.add_button": ("Add", "添加"),
    "web.col_name": ("Name", "用户名"),
    "web.col_role": ("Role", "角色"),
    "web.col_lang": ("Language", "语言"),
    "web.col_state": ("State", "状态"),
    "web.col_created": ("Created", "创建时间"),
    "web.col_actions": ("Actions", "操作"),
    "web.state_active": ("active", "启用"),
    "web.state_inactive": ("deactivated", "已停用"),
    "web.change_role": ("Change", "修改"),
    "web.deactivate": ("Deactivate", "停用"),
    "web.activate": ("Reactivate", "重新启用"),
    "web.confirm_deactivate": (
        "Deactivate {name}? Their sessions and API tokens end at once.",
        "停用 {name}？其会话和 API 令牌将立即失效。",
    ),
    "web.notice_added": ("The user was added.", "已添加用户。"),
    "web.notice_role": ("The role was changed.", "已修改角色。"),
    "web.notice_active": ("The account was updated.", "已更新账号状态。"),
    "web.shown_of": ("{shown} shown of {total}", "显示 {shown} 条，共 {total} 条"),
    "web.next_page": ("next page", "下一页"),
    # -- audit page
    "web.audit_title": ("Audit log", "审计日志"),
    "web.audit_intro": (
        "Logins, failed logins, logouts and changes to accounts, newest first.",
        "登录、登录失败、退出和账号变更记录，最新的在前。",
    ),
    "web.audit_empty": ("Nothing recorded yet.", "暂无记录。"),
    "web.col_when": ("When (UTC)", "时间（UTC）"),
    "web.col_who": ("Who", "操作人"),
    "web.col_action": ("Action", "操作"),
    "web.col_target": ("Account", "账号"),
    "web.col_details": ("Details", "详情"),
    "web.col_ip": ("Address", "地址"),
    "web.action_login": ("logged in", "登录"),
    "web.action_login_failed": ("failed login", "登录失败"),
    "web.action_logout": ("logged out", "退出登录"),
    "web.action_user_add": ("user added", "添加用户"),
    "web.action_user_password": ("password changed", "修改密码"),
    "web.action_user_role": ("role changed", "修改角色"),
    "web.action_user_deactivate": ("user deactivated", "停用用户"),
    "web.action_user_activate": ("user reactivated", "重新启用用户"),
    "web.action_token_add": ("API token created", "创建 API 令牌"),
    "web.action_token_revoke": ("API token revoked", "吊销 API 令牌"),
    "web.detail_role": ("{old} → {new}", "{old} → {new}"),
    "web.detail_failed_password": ("wrong name or password", "用户名或密码错误"),
    "web.detail_failed_inactive": ("account deactivated", "账号已停用"),
    # -- accounts (library errors)
    "users.bad_name": (
        "The user name {name!r} cannot be used: give 1 to 64 characters without spaces.",
        "用户名 {name!r} 不可用：请使用 1 到 64 个字符，不含空格。",
    ),
    "users.short_password": (
        "The password is too short: use at least {minimum} characters.",
        "密码太短：至少需要 {minimum} 个字符。",
    ),
    "users.name_taken": (
        "There is already a user named {name!r}: choose another name.",
        "已有名为 {name!r} 的用户：请换一个用户名。",
    ),
    "users.last_admin": (
        "{name!r} is the last active admin: make another user admin first.",
        "{name!r} 是最后一位启用的管理员：请先将另一位用户设为管理员。",
    ),
    "users.unknown": (
        "There is no user {user}: `custvalue users list` shows them.",
        "没有用户 {user}：可用 `custvalue users list` 查看所有用户。",
    ),
    "users.unknown_token": ("There is no API token #{token}.", "没有编号为 {token} 的 API 令牌。"),
    "users.inactive": (
        "The user {name!r} is deactivated: reactivate the account first.",
        "用户 {name!r} 已停用：请先重新启用该账号。",
    ),
    # -- sessions, roles, CSRF
    "auth.bad_login": (
        "Wrong name or password (or the account is deactivated).",
        "用户名或密码错误（或账号已停用）。",
    ),
    "auth.rate_limited": (
        "Too many failed logins for this name or address: wait {minutes} minutes and try again.",
        "该用户名或地址登录失败次数过多：请等待 {minutes} 分钟后再试。",
    ),
    "auth.required": (
        "Log in first (your session may have expired).",
        "请先登录（您的会话可能已过期）。",
    ),
    "auth.token_required": (
        "The API token is unknown or revoked: create one with `custvalue users token NAME`.",
        "API 令牌无效或已吊销：可用 `custvalue users token 用户名` 创建新令牌。",
    ),
    "auth.forbidden": (
        "Your role ({role}) does not allow this: it needs {needed}.",
        "您的角色（{role}）无权执行此操作：需要 {needed}。",
    ),
    "auth.unlisted_route": (
        "{method} {path} is not open to anyone (it is missing from the access table).",
        "{method} {path} 未对任何人开放（访问权限表中没有它）。",
    ),
    "auth.csrf": (
        "The form has expired or did not come from this site: reload the page and send it again.",
        "表单已过期或并非来自本站：请刷新页面后重新提交。",
    ),
    # -- the framework's failures, in the one error shape
    "http.error": ("The request failed (HTTP {status}).", "请求失败（HTTP {status}）。"),
    "http.not_found": ("There is no page or API route {path}.", "没有页面或接口 {path}。"),
    "http.method_not_allowed": (
        "{path} does not take {method} requests.",
        "{path} 不接受 {method} 请求。",
    ),
    "http.invalid_request": (
        "The request has invalid or missing fields: {fields}.",
        "请求中有无效或缺少的字段：{fields}。",
    ),
    "http.unexpected": (
        "Unexpected {kind} on the server; it was logged. Try again, or report it.",
        "服务器发生意外错误 {kind}，已记录。请重试或反馈。",
    ),
    "api.bad_cursor": (
        "The paging cursor {cursor!r} is not one this API gave: start again without `after`.",
        "分页游标 {cursor!r} 不是本接口给出的：请去掉 `after` 重新开始。",
    ),
    # -- custvalue users / serve
    "cli.users_help": (
        "Accounts of the web workbench: add, list, API tokens.",
        "工作台账号：添加、列出、API 令牌。",
    ),
    "cli.users_add_help": (
        "Add a user (the password is asked twice, or read from standard input).",
        "添加用户（密码输入两次，或从标准输入读取）。",
    ),
    "cli.users_list_help": ("List the users.", "列出所有用户。"),
    "cli.users_token_help": (
        "Create an API token for a user (shown once: keep it).",
        "为用户创建 API 令牌（只显示一次，请妥善保存）。",
    ),
    "cli.users_arg_name": ("The user's name.", "用户名。"),
    "cli.users_opt_role": (
        "Role: admin, analyst or viewer.",
        "角色：admin（管理员）、analyst（分析师）或 viewer（查看者）。",
    ),
    "cli.users_opt_lang": (
        "The user's language: zh or en (default: the browser's).",
        "用户语言：zh 或 en（默认跟随浏览器）。",
    ),
    "cli.users_opt_stdin": (
        "Read the password from standard input (one line).",
        "从标准输入读取密码（一行）。",
    ),
    "cli.users_opt_label": ("A name for the token (what uses it).", "令牌名称（用于什么）。"),
    "cli.users_password": ("Password", "密码"),
    "cli.users_password_again": ("Password again", "再次输入密码"),
    "cli.users_mismatch": (
        "The two passwords differ: nothing was changed.",
        "两次输入的密码不一致：未做任何修改。",
    ),
    "cli.users_added": ("User {name} added ({role}).", "已添加用户 {name}（{role}）。"),
    "cli.users_none": (
        "No users yet: add the first admin with `custvalue users add NAME --role admin`.",
        "还没有用户：用 `custvalue users add 用户名 --role admin` 添加第一位管理员。",
    ),
    "cli.users_token_made": (
        "API token #{token_id} for {name} (shown only now; send it as 'Authorization: Bearer …'):",
        "{name} 的 API 令牌 #{token_id}（只显示这一次；请以 'Authorization: Bearer …' 发送）：",
    ),
    "cli.serve_help": (
        "Serve the web workbench for the database (default http://127.0.0.1:8000).",
        "为数据库启动网页工作台（默认 http://127.0.0.1:8000）。",
    ),
    "cli.serve_opt_host": (
        "Address to listen on (127.0.0.1: this computer only).",
        "监听地址（127.0.0.1：仅本机可访问）。",
    ),
    "cli.serve_opt_port": ("Port to listen on.", "监听端口。"),
    "cli.serve_listening": (
        "The workbench for {db} is at {url} (Ctrl-C stops it).",
        "{db} 的工作台地址：{url}（按 Ctrl-C 停止）。",
    ),
    "cli.serve_no_users": (
        "No users yet: add one first with `custvalue users add NAME --role admin`.",
        "还没有用户：请先运行 `custvalue users add 用户名 --role admin` 添加一位。",
    ),
    "cli.serve_login": (
        "Accounts that can log in: {count} (`custvalue users list` shows them).",
        "可登录的账号：{count} 个（用 `custvalue users list` 查看）。",
    ),
}
