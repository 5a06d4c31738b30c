"""Re-export: dates as printed live in ``gongbao.grammar.dates`` (the genre's grammar, one place)."""

from gongbao.grammar.dates import (  # noqa: F401
    _CN_DIGITS,
    DATE,
    _small_cn,
    is_date_line,
    parse_date,
)
