"""The text of a web page (HTML), as a gazette reader needs it.

Gazette issues and documents are published as web pages (gov.cn/gongbao, provincial and city
sites) and users save them. Read as text, a page is markup: one "document" titled
``<!DOCTYPE html><html><head>…``, no article found, and nothing said. ``html_text`` reads the page
with lxml (already a dependency): the text of ``<body>`` without scripts, styles and forms; a line
per block (p, div, h1–h6, li, br…); a table row as one line, its cells apart by a tab (what the
structure parser and the task reader take for cells); runs of whitespace inside a block as one
space; ``&nbsp;`` as a space; the full-width spaces of an indent kept (the normalizer drops them).
The site around the document — navigation, header, footer, share buttons (``<nav>``, ``<header>``,
``<footer>``, ``<aside>``, or an id or class naming them: ``footer``, ``crumbs``, ``share``…) — is
not read into the text: read, its footer glued to the document's last article and its breadcrumbs
took the place of the title. Its lines are returned apart, and the parse says how many characters
of them it did not read (warning ``web_page_chrome``).
The page's encoding is read from its bytes (BOM, ``<meta charset>``), as lxml does.

The walk is iterative (``etree.iterwalk``): a page nested thousands of levels deep costs what its
size costs, and never raises ``RecursionError``.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.errors import InputError

__all__ = ["html_text", "is_html"]

_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer main aside nav blockquote pre "
    "address figure figcaption center hr form fieldset caption title".split()
)
_DROP = frozenset("script style noscript template head select button textarea iframe object svg".split())
_AROUND_TAB = re.compile(r" ?\t ?")
_SPACES = re.compile(r"[ \r\n\f\v\xa0]+")  # not \t: the cell separator (a tab in the page's text is a space)


def is_html(data: bytes) -> bool:
    """A web page: it opens (after a BOM, spaces and comments) with a doctype or an html, head or body tag."""
    return _START.match(data[:4096]) is not None


def html_text(data: bytes, name: str) -> tuple[str, list[str], int]:
    """The page's text (see the module docstring), the lines of the site around it (not read),
    and how many Chinese characters outside tags, scripts and styles are in neither: what the
    HTML parser dropped (libxml2 drops elements nested deeper than a few hundred levels, without
    a word). A page whose text was all dropped is refused."""
    from lxml import etree
    from lxml import html as lhtml

    page = _decode(data, name)
    try:
        parser = lhtml.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        root = lhtml.document_fromstring(_XML_DECL.sub("", page, count=1), parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"cannot read the web page ({e})", path=name) from None
    body = root.find("body")
    text, chrome = _Text(), _Text()
    out = text
    skip = 0  # inside a dropped element
    cell = 0  # inside a table cell
    site = 0  # inside the site's navigation, header or footer
    for event, el in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if skip or tag in _DROP:
                skip += 1
                continue
            if site or _is_chrome(el, tag):
                if site == 0:
                    out.flush()
                    out = chrome
                site += 1
            if tag == "tr":
                out.flush()
            elif tag in ("td", "th"):
                if cell == 0 and out.cells_in_row:
                    out.parts.append("\t")
                cell += 1
                out.cells_in_row += 1
            elif tag == "br" or tag in _BLOCK:
                out.add(" ") if cell else out.flush()
            if el.text:
                out.add(el.text)
        else:
            if skip:
                skip -= 1
                if skip or tag in _DROP:
                    _tail(el, out, skip)
                    continue
            if tag in ("td", "th"):
                cell -= 1
            elif tag == "tr":
                out.flush()
            elif tag in _BLOCK:
                out.add(" ") if cell else out.flush()
            if site:
                site -= 1
                if site == 0:
                    out.flush()
                    out = text
            _tail(el, out, skip)
    text.flush()
    chrome.flush()
    out_text = "\n".join(text.lines) + "\n"
    missing = _cjk(_visible_source(page)) - _cjk(out_text) - sum(_cjk(line) for line in chrome.lines)
    if missing > 0 and not out_text.strip():
        # libxml2 drops what is nested deeper than it reads (a few hundred levels) without a word
        raise InputError(
            f"{missing} Chinese characters of the page were not read (elements nested deeper than the HTML "
            "parser reads): save the page as text or PDF",
            path=name,
        )
    return out_text, chrome.lines, max(missing, 0)


_HIDDEN = re.compile(
    r"<(script|style|noscript|template|head|textarea|title|select|button|iframe|object|svg)\b.*?</\1\s*>|<!--.*?-->",
    re.I | re.S,
)
_TAGS = re.compile(r"<[^>]*>")


def _visible_source(page: str) -> str:
    """The page's characters outside tags, scripts, styles and comments."""
    return _TAGS.sub(" ", _HIDDEN.sub(" ", page))


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
#: what a declared charset is read as (GB2312 and GBK pages hold GB18030 characters too)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "utf8": "utf-8"}


def _decode(data: bytes, name: str) -> str:
    """The page as text: its BOM, else the charset its <meta> declares, else UTF-8, else GB18030
    (``reader.decode_bytes``)."""
    from gongbao.ingest.reader import decode_bytes

    m = None if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) else _CHARSET.search(data[:4096])
    if m is not None:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode(_ALIASES.get(declared, declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read as any text file is
    return decode_bytes(data, name)[0]


def _cjk(s: str) -> int:
    return sum(1 for c in s if "\u4e00" <= c <= "\u9fff")


#: the site around the document: navigation, header, footer, share buttons (by tag, id or class)
_CHROME_TAGS = frozenset(("header", "footer", "nav", "aside"))
_CHROME_NAMES = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|menu|header|footer|foot|crumbs?|breadcrumbs?|share|copyright|banner|sidebar|topbar|bottom|position|location|weizhi|dqwz)(?:$|[-_ \d])",
    re.I,
)


def _is_chrome(el: Any, tag: str) -> bool:
    if tag in _CHROME_TAGS:
        return True
    names = f"{el.get('id') or ''} {el.get('class') or ''}"
    return bool(names.strip()) and _CHROME_NAMES.search(names) is not None


def _tail(el: Any, out: _Text, skip: int) -> None:
    if el.tail and not skip:
        out.add(el.tail)


class _Text:
    """Lines being built: inline text collapsed, a line closed at each block."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.cells_in_row = 0

    def add(self, s: str) -> None:
        self.parts.append(s.replace("\t", " "))

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.parts)).strip(" ")
        line = _AROUND_TAB.sub("\t", line)
        if line.strip():
            self.lines.append(line)
        self.parts = []
        self.cells_in_row = 0
