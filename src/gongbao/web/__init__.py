"""web: server-rendered pages (Jinja2 templates, autoescaped) served by ``gongbao.api``."""
