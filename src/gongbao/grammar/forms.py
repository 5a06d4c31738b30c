"""The printed forms of a gazette issue, read from ``data/forms.json``.

Vocabulary (document kinds, issuer suffixes, section names) and shapes (mastheads, issue
lines, page furniture, TOC page numbers, jump markers) are data; this module compiles them
once and offers small predicates over a *squeezed* line (no whitespace) unless said otherwise.
Every pattern is anchored and free of nested quantifiers, so a test costs O(len(line)).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from gongbao.grammar._data import alternation, load


def forms() -> dict[str, Any]:
    """The data file, parsed (cached)."""
    return load("forms")


_F = forms()
KIND_WORDS: tuple[str, ...] = tuple(sorted(set(_F["document_kinds"]["words"]), key=len, reverse=True))
ISSUER_SUFFIXES: tuple[str, ...] = tuple(_F["issuer_suffixes"]["words"])
SECTION_BULLETS: str = _F["section_names"]["bullets"]
SECTION_WORDS: tuple[str, ...] = tuple(_F["section_names"]["words"])
SECTION_NAMES: frozenset[str] = frozenset(_F["section_names"]["names"])
#: items that are no instrument of the issuer (公示, 更正启事, 勘误, 情况说明…): title ending -> kind
ITEM_KINDS: tuple[tuple[str, str], ...] = tuple(
    sorted(_F["item_kinds"]["words"].items(), key=lambda kv: len(kv[0]), reverse=True)
)

#: kinds of items that are no instrument (解读, 公示, 说明…): nothing takes effect or is repealed by them
NON_INSTRUMENT_KINDS: frozenset[str] = frozenset(
    [*_F["item_kinds"]["words"].values(), *_F["item_kinds"]["no_instrument"]]
)


def item_kind(title: str) -> str | None:
    """The kind of a non-document item a (squeezed) title names, longest ending first, else ``None``."""
    for word, kind in ITEM_KINDS:
        if title.endswith(word):
            return kind
    return None


#: a title ending: a kind word, optionally followed by （试行）, （草案）, a year range or a month
KIND_END = re.compile(
    rf"(?:{alternation(list(KIND_WORDS))})"
    r"(?:[（(](?:试行|暂行|草案|修订|修正|[^（）()]{0,12}\d{4}[^（）()]{0,12}|[^（）()]{0,16}[年月][^（）()]{0,6})[）)])?$"
)
MASTHEAD_NAME = re.compile(_F["masthead"]["name"])
#: the words a gazette's name ends in (公报, 文告)
GAZETTE_NAME_WORDS: tuple[str, ...] = tuple(_F["masthead"]["name_words"])


def gazette_name_end(field: str) -> int:
    """Where a gazette's name that opens ``field`` ends (海关总署文告2024年第1期 -> 6), else 0."""
    for word in GAZETTE_NAME_WORDS:
        k = field.find(word)
        if k > 0 and is_masthead_name(field[: k + len(word)]):
            return k + len(word)
    return 0


ISSUE_LINE = re.compile(_F["masthead"]["issue_line"])
DECORATED_PAGE = re.compile(_F["furniture"]["decorated_page"])
DIVIDER = re.compile(_F["furniture"]["divider"])
BARE_NUMBER = re.compile(_F["furniture"]["bare_number"])
TOC_PAGE = re.compile(_F["toc_page"]["pattern"])
TOC_HEAD = re.compile(_F["toc_head"]["pattern"])
COLOPHON_FIELD = re.compile(_F["colophon"]["field"])
ADDRESSEE_CLASS = re.compile(_F["addressee_classes"]["pattern"])
ADDRESSEE_KIND = re.compile(_F["addressee_kinds"]["pattern"])
JUMP_IN = re.compile(_F["jump_in"]["pattern"])
JUMP_OUT = re.compile(_F["jump_out"]["pattern"])
#: a 《title》 naming a newspaper, a periodical or a book (《中国文化报》), not an instrument
PUBLICATION_TITLE = re.compile(_F["publication_title"]["pattern"])
_SECTION_BARE = re.compile(rf"[\u4e00-\u9fff]{{2,10}}(?:{alternation(list(SECTION_WORDS))})")
_TITLE_WORDS = re.compile(r"关于|的|《")
_SECTION_MARKED = re.compile(rf"[{re.escape(SECTION_BULLETS)}]\s*(?P<a>\S.{{0,20}})|【(?P<b>[^【】]{{2,20}})】")


@lru_cache(maxsize=1 << 16)
def squeeze(s: str) -> str:
    """``s`` without any whitespace."""
    return "".join(s.split())


@lru_cache(maxsize=1 << 16)
def is_masthead_name(s: str) -> bool:
    """A gazette's name (聊城市人民政府公报, 国 务 院 公 报), not a document title ending in 公报."""
    t = squeeze(s)
    return len(t) <= 30 and "关于" not in t and "的" not in t and bool(MASTHEAD_NAME.fullmatch(t))


@lru_cache(maxsize=1 << 16)
def is_issue_line(s: str) -> bool:
    """An issue line: 2024年第11-12期（总第260-261期）, 一九五四年第一号(总第一号)."""
    return bool(ISSUE_LINE.fullmatch(squeeze(s)))


@lru_cache(maxsize=1 << 16)
def is_divider(s: str) -> bool:
    """A divider line between documents (————, ※　※　※, ＊＊＊): page furniture that also ends
    the document above it."""
    return bool(DIVIDER.fullmatch(s.strip()))


@lru_cache(maxsize=1 << 16)
def is_decorated_page_number(s: str) -> bool:
    """``· 3 ·``, ``— 12 —``, ``-5-``, ``第3页``, ``3/48``: a page number wherever it stands."""
    return bool(DECORATED_PAGE.fullmatch(s.strip()))


@lru_cache(maxsize=1 << 16)
def is_bare_number(s: str) -> bool:
    return bool(BARE_NUMBER.fullmatch(s.strip()))


@lru_cache(maxsize=1 << 16)
def toc_page(s: str) -> tuple[str, int] | None:
    """(head, page) of a TOC line ending in a page number, else ``None``."""
    m = TOC_PAGE.match(s.strip())
    if not m:
        return None
    page = m.group("p1") or m.group("p2") or m.group("p3")
    head = m.group("head").rstrip(" \t.…·．•_—-")
    if not head:
        return None
    return head, int(page)


@lru_cache(maxsize=1 << 16)
def section_name(s: str) -> str | None:
    """The section name of a TOC line (◎ 市政府文件, 【市政府文件】, 国务院文件), else ``None``."""
    t = s.strip()
    m = _SECTION_MARKED.fullmatch(t)
    if m:
        name = squeeze(m.group("a") or m.group("b") or "")
        if m.group("b") is not None or (name and not KIND_END.search(name)):
            return name
        # a short marked name ending in a kind word is a section of orders (■ 政府令, ◎ 省政府令),
        # not a title: a title says what it is about (关于…, …的…, 《…》)
        return name if name and len(name) <= 6 and not _TITLE_WORDS.search(name) else None
    st = squeeze(t)
    if st in SECTION_NAMES:
        return st
    if len(st) <= 12 and _SECTION_BARE.fullmatch(st):
        # 政策解读 names a section; 《X》政策解读 (a title) names what it explains
        if not ends_like_title(st) or (st.endswith("解读") and not _TITLE_WORDS.search(st)):
            return st
    return None


@lru_cache(maxsize=1 << 16)
def ends_like_title(s: str) -> bool:
    """The squeezed text ends the way a document title ends (…的通知, …联合公报, …的信).

    Not while a quoted name is open: a TOC line `…暂时调整实施《中华人民共和国药品管理法` ends in 法
    but continues on the next line (`实施条例》有关规定的决定`)."""
    t = squeeze(s)
    return bool(KIND_END.search(t)) and t.count("《") <= t.count("》") and t.count("（") <= t.count("）")


@lru_cache(maxsize=1 << 16)
def is_colophon_line(s: str) -> bool:
    """A line of the colophon (版权页): 编辑出版：…, 定价…, …登记证…, 一九五五年三月一日出版."""
    t = squeeze(s)
    return bool(COLOPHON_FIELD.search(t)) or is_issue_line(t) or is_masthead_name(t)


def is_addressee_kind(s: str) -> bool:
    """A kind of body alone between 、 that continues the list of kinds before it (省人民政府各委、办、
    厅、局: 办, 厅 and 局 are no addressees of their own)."""
    return bool(ADDRESSEE_KIND.fullmatch(squeeze(s)))


def is_addressee_class(s: str) -> bool:
    """A class of bodies that shares the body noun of the next name in an addressee line (各市、
    县（市、区）人民政府: 各市 is no addressee of its own)."""
    return bool(ADDRESSEE_CLASS.fullmatch(squeeze(s)))
