"""Proactive notices: templates, rendering and sending by e-mail (custvalue.notices)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "notices.missing_fields": (
        "notice '{template}': required field(s) missing or blank: {labels_en} ({fields}). "
        "Fill them in before sending.",
        "通知“{template}”：以下必填项缺失或为空：{labels_zh}（{fields}）。请填写后再发送。",
    ),
    "notices.unbalanced_braces": (
        "{where}: a {{ or }} has no partner. Placeholders are written {{field}}; for a "
        "literal brace write {{{{ or }}}}.",
        "{where}：有未配对的 {{ 或 }}。占位符的写法是 {{字段名}}；如需原样显示花括号，请写成 "
        "{{{{ 或 }}}}。",
    ),
    "notices.bad_placeholder": (
        "{where}: the placeholder {placeholder} is not allowed; write a declared field's "
        "name in braces, such as {{order_id}}, without positions, dots, brackets or formats.",
        "{where}：不允许使用占位符 {placeholder}；请在花括号中写已声明的字段名，如 "
        "{{order_id}}，不要使用序号、点号、方括号或格式说明。",
    ),
    "notices.undeclared_field": (
        "{where}: the text uses the field {{{field}}}, which the template does not "
        "declare. Declare it under required or optional, or remove it from the text.",
        "{where}：文本使用了字段 {{{field}}}，但模板没有声明该字段。请在 required 或 "
        "optional 中声明它，或从文本中删除。",
    ),
    "notices.missing_text": (
        "{where}: the {language} text is missing or blank; every template is written in "
        "English (en) and Chinese (zh).",
        "{where}：缺少 {language} 文本或文本为空；每个模板都须有英文（en）和中文（zh）两种文本。",
    ),
    "notices.bad_field_name": (
        "{where}: '{field}' is not a usable field name; use letters, digits and "
        "underscores, not starting with a digit (e.g. truck_no).",
        "{where}：“{field}”不能用作字段名；请使用字母、数字和下划线，且不以数字开头"
        "（如 truck_no）。",
    ),
    "notices.duplicate_field": (
        "{where}: the field '{field}' is declared twice; declare each field once, as "
        "required or as optional.",
        "{where}：字段“{field}”被重复声明；每个字段只能声明一次（必填或可选之一）。",
    ),
    "notices.templates_unreadable": (
        "{file}: the template file cannot be read as TOML: {detail}",
        "{file}：无法按 TOML 格式读取模板文件：{detail}",
    ),
    "notices.no_templates": (
        "{file}: no templates found; write each one as a table [templates.<name>] with "
        "subject, body and required.",
        "{file}：未找到任何模板；每个模板应写成 [templates.<名称>] 表，包含 subject、body "
        "和 required。",
    ),
    "notices.not_a_table": (
        '{where}: {got} should be a table of keys (e.g. {{ en = "...", zh = "..." }}).',
        '{where}：{got} 应为键值表（例如 {{ en = "...", zh = "..." }}）。',
    ),
    "notices.not_text": (
        "{where}: {got} should be text in quotes.",
        "{where}：{got} 应为带引号的文本。",
    ),
    "notices.unknown_key": (
        "{where}: unknown key '{got}'; use one of: {allowed}.",
        "{where}：未知的键“{got}”；请使用以下之一：{allowed}。",
    ),
    "notices.missing_key": (
        "{where}: the key '{missing}' is missing; a template needs subject, body and required.",
        "{where}：缺少键“{missing}”；模板必须包含 subject、body 和 required。",
    ),
    "notices.bad_address": (
        "{role}: {address} is not an e-mail address; write it like kehu@example.com "
        "(or 张三 <kehu@example.com>).",
        "{role}：{address} 不是有效的电子邮件地址；请写成 kehu@example.com 的形式"
        "（或 张三 <kehu@example.com>）。",
    ),
    "notices.bad_host": (
        "SMTP host {host} is not a host name or address; give one such as "
        "smtp.example.com or 192.0.2.10.",
        "SMTP 服务器 {host} 不是有效的主机名或地址；请填写如 smtp.example.com 或 192.0.2.10。",
    ),
    "notices.tls_conflict": (
        "SMTP settings: ssl and starttls are both on (port {port}); choose ssl for a "
        "TLS port (usually 465) or starttls for a plain one (usually 587).",
        "SMTP 设置：ssl 与 starttls 同时开启（端口 {port}）；TLS 端口（通常为 465）请选 "
        "ssl，普通端口（通常为 587）请选 starttls。",
    ),
    "notices.incomplete_login": (
        "SMTP settings: the {missing} is missing; give both username and password, or "
        "neither for a server without login.",
        "SMTP 设置：缺少{missing_zh}；请同时填写用户名和密码，服务器无需登录时两者都不填。",
    ),
    "notices.smtp_failed": (
        "The mail server {server} did not take the message: {reply}. Check the host, "
        "port and login in the mail settings, and the address.",
        "邮件服务器 {server} 未接收该邮件：{reply}。请检查邮件设置中的服务器、端口和登录信息，"
        "以及收件地址。",
    ),
}
