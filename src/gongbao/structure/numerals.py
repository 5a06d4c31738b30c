"""Re-export: the numeral reader lives in ``gongbao.grammar.numerals`` (the genre's grammar)."""

from gongbao.grammar.numerals import CN_DIGITS, CN_NUMERAL_CHARS, cn_to_int, int_to_cn, is_cn_numeral

__all__ = ["CN_DIGITS", "CN_NUMERAL_CHARS", "cn_to_int", "int_to_cn", "is_cn_numeral"]
