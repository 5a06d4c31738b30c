"""Re-export: 文号 forms live in ``gongbao.grammar.docnumber`` (the genre's grammar, one place)."""

from gongbao.grammar.docnumber import (  # noqa: F401
    _CJK,
    _CLOSE,
    _NOT_IN_CODE,
    _OPEN,
    BARE_ORDER_NUMBER,
    FILE_NUMBER,
    ORDER_NUMBER,
    DocNumber,
    file_code,
    find_doc_numbers,
    normalize_doc_number,
    order_issuer,
)
