"""Pinpoint citations, declared once (read by ``gongbao.extract.metadata``): which provisions of
another instrument a document cites.

Data and printed examples are in ``data/pinpoints.json``; ``tests/test_grammar_examples.py``
iterates over every example and counter-example:

- ``PINPOINTS``: what follows a cited title (after 》, its 文号 in brackets, 中/的): one provision or
  a list of them joined by 、/和/及/以及/或者, a range joined by 至 (第十条至第十五条), with the
  elliptic parts a list prints (第十九条第一款、第二款; 第五条第（一）项至第（六）项);
- ``PROVISION``: one provision, full (第三十二条第一款第（二）项) or elliptic (第二款, 第（三）项);
- ``AMENDING``: what follows the provisions when an amending instruction names them
  (《X》第七条中增加一项, …第三条修改为): the amended work's provisions, not a citation;
- ``SELF_CITATION``: 本办法第五条, 本条第一款 — the document's own provisions: never a relation
  (a pinpoint is read only after another instrument's name, so these are never attributed).

``provisions(text)`` reads a ``PINPOINTS`` list into normal forms (Chinese numerals, 第（二）项 ->
第二项, the elliptic parts completed: 第十九条第一款、第十九条第二款; a range kept as one item,
第五条第一项至第六项). ``short_name(title)`` is the name a document uses for a law it first cited in
full (《中华人民共和国民事诉讼法》 -> 民事诉讼法). ``covers(scope, provision)`` tells whether a scope
(provisions joined by 、) cites a provision (第三十二条 covers 第三十二条第一款 and the reverse; a
range covers what lies in it). Every pattern is bounded: linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from gongbao.grammar._data import load
from gongbao.grammar.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

__all__ = ["AMENDING", "PINPOINTS", "PROVISION", "SELF_CITATION", "covers", "examples", "provisions", "short_name"]

_N = rf"[{CN_NUMERAL_CHARS}0-9０-９]{{1,8}}"


def examples() -> dict[str, Any]:
    """``data/pinpoints.json``: every form with its printed examples and counter-examples."""
    return load("pinpoints")


def _compile(name: str) -> re.Pattern[str]:
    pattern: str = examples()["forms"][name]["pattern"]
    return re.compile(pattern.replace("{N}", _N))


AMENDING = _compile("AMENDING")
PINPOINTS = _compile("PINPOINTS")
PROVISION = _compile("PROVISION")
SELF_CITATION = _compile("SELF_CITATION")

_Parts = tuple[int | None, int | None, int | None, int | None]  # article, 之N, paragraph, item


def _num(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return cn_to_int(s)
    except ValueError:
        return None


def _text(p: _Parts) -> str:
    art, sub, para, item = p
    out = f"第{int_to_cn(art)}条" if art is not None else ""
    if sub is not None:
        out += f"之{int_to_cn(sub)}"
    if para is not None:
        out += f"第{int_to_cn(para)}款"
    if item is not None:
        out += f"第{int_to_cn(item)}项"
    return out


def _parts(m: re.Match[str], last: _Parts | None) -> tuple[_Parts, str]:
    """The provision ``m`` names, completed from ``last`` when elliptic, and its printed level
    (``art``, ``para`` or ``item``: what a range's right end counts)."""
    if m.group("art"):
        return (_num(m.group("art")), _num(m.group("sub")), _num(m.group("para")), _num(m.group("item"))), "art"
    art, sub = (last[0], last[1]) if last else (None, None)
    if m.group("para2"):
        return (art, sub, _num(m.group("para2")), _num(m.group("item2"))), "para"
    para = last[2] if last else None
    return (art, sub, para, _num(m.group("item3"))), "item"


def provisions(text: str) -> list[str]:
    """The provisions a ``PINPOINTS`` list names, in normal form, each once, in printed order."""
    out: list[str] = []
    last: _Parts | None = None
    pos = 0
    for m in PROVISION.finditer(text):
        between = text[pos : m.start()]
        parts, level = _parts(m, last)
        if parts[0] is None:
            pos = m.end()
            continue
        if "至" in between and out:
            # 第十条至第十五条; 第五条第（一）项至第（六）项: the right end as printed, at its own level
            hi = {"art": parts, "para": (None, None, parts[2], parts[3]), "item": (None, None, None, parts[3])}[level]
            out.append(f"{out.pop()}至{_text(hi)}")
        else:
            t = _text(parts)
            if t not in out:
                out.append(t)
        last = parts
        pos = m.end()
    return out


def short_name(title: str) -> str | None:
    """The name a document uses, after citing 《中华人民共和国X法》 in full, for the same law
    (X法): only for a national law or regulation named with the state's name."""
    prefix = "中华人民共和国"
    if not title.startswith(prefix):
        return None
    rest = title[len(prefix) :]
    if len(rest) < 3 or not rest.endswith(("法", "条例")):
        return None
    return rest


def _bounds(item: str) -> tuple[_Parts, _Parts] | None:
    lo_s, _, hi_s = item.partition("至")
    lo_m = PROVISION.fullmatch(lo_s)
    if lo_m is None:
        return None
    lo, _ = _parts(lo_m, None)
    if not hi_s:
        return lo, lo
    hi_m = PROVISION.fullmatch(hi_s)
    if hi_m is None:
        return None
    hi, _ = _parts(hi_m, lo)
    return lo, hi


def _compatible(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def covers(scope: str | None, provision: str) -> bool:
    """Whether ``scope`` (provisions joined by 、, as ``provisions`` prints them) cites
    ``provision`` (第三十二条, 第32条第一款): a provision covers its paragraphs and items and is
    covered by a citation of its article; a range covers what lies between its ends."""
    q = _bounds(provision)
    if not scope or q is None:
        return False
    want = q[0]
    for item in scope.split("、"):
        b = _bounds(item)
        if b is None:
            continue
        lo, hi = b
        if lo == hi:
            if _compatible(lo, want):
                return True
            continue
        # the first component where the ends differ is the one the range runs over
        k = next((i for i in range(4) if lo[i] != hi[i]), 3)
        if not _compatible(lo[:k], want[:k]):
            continue
        v, a, z = want[k], lo[k], hi[k]
        if v is None or (a is not None and z is not None and a <= v <= z):
            return True
    return False
