"""Lookup keys: how a 文号 or a title typed by a user meets the one stored or printed.

``ref_key`` folds width (NFKC), drops whitespace and book-title marks, and writes the year
bracket of a 文号 as 〔〕 whatever was printed ([2024], （2024）, 【2024】, ［2024］). It is applied
to both sides of every comparison, so it only has to be consistent, not pretty.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_key", "ref_key", "text_key"]

_YEAR_BRACKET = re.compile(r"[\[\(【〔〖［（]\s*(\d{4})\s*[\]\)】〕〗］）]")
_DROP = re.compile(r"[\s《》〈〉<>\u3000]+")
# 中华人民共和国国务院令第654号 as its header prints it, 国务院令第654号 as others cite it: one key; a
# joint order's every body (中华人民共和国国家发展和改革委员会中华人民共和国商务部令第47号 = 国家发展和改革
# 委员会、商务部令第47号); the bodies of a joint order or announcement listed with 、 (财政部、税务总局公告
# 2021年第12号 = 财政部 税务总局公告2021年第12号)
_NATIONAL_ORDER = re.compile(r"中华人民共和国(?=[^\d]{1,60}令(?:\d{4}年)?第\d{1,6}号$)")
_LISTED_BODIES = re.compile(r"、(?=[^\d、]{1,60}(?:、[^\d、]{1,60})*(?:令|公告)(?:\d{4}年)?第\d{1,6}号$)")
# 粤府令第93号 as a TOC or a citation prints it, 广东省人民政府令第93号 as the order's header does
_SHORT_ORDER = re.compile(r"^[\u4e00-\u9fff]{1,2}(?:府|政府|政)令第\d{1,5}号$")


def ref_key(ref: str | None) -> str:
    """A comparison key for a 文号 or title; ``""`` for ``None`` or blank.

    Guarantees: idempotent (``ref_key(ref_key(x)) == ref_key(x)``); 聊政字〔2024〕15号,
    聊政字[2024]15号 and 聊政字（2024）15 号 share one key; so do 中华人民共和国国务院令第654号 (the
    order's header) and 国务院令第654号 (as it is cited), and a joint order's number printed with or
    without each body's 中华人民共和国 and with or without 、 between the bodies; so do 粤府令第93号 and
    广东省人民政府令第93号 (a place's short name listed in ``grammar/data/forms.json`` place_abbreviations).
    """
    if not ref:
        return ""
    s = unicodedata.normalize("NFKC", ref)
    s = _DROP.sub("", s)
    s = _NATIONAL_ORDER.sub("", s)
    if "、" in s:
        s = _LISTED_BODIES.sub("", s)
    if _SHORT_ORDER.match(s):
        from gongbao.grammar.docnumber import full_order_number

        s = full_order_number(s) or s
    return _YEAR_BRACKET.sub(lambda m: f"〔{m.group(1)}〕", s)


def content_key(source: str) -> str:
    """The identity of an issue: SHA-256 of its text normalized (not of the file's bytes).

    Normalized: Unicode NFC, no BOM, line ends as ``\\n``, no trailing blanks on a line, no blank
    lines at the ends. The same issue saved as UTF-8, with a BOM, with CRLF or in GB18030 has one
    key; one corrected character gives another.
    """
    s = unicodedata.normalize("NFC", source.replace("\ufeff", ""))
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = "\n".join(line.rstrip() for line in s.split("\n")).strip("\n")
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def text_key(text: str) -> str:
    """The identity of an expression's text: SHA-256 of the NFKC text without whitespace, so a
    line broken elsewhere in another source is the same text, a changed character is not."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(s.encode("utf-8")).hexdigest()
