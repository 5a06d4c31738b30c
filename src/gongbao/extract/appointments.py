"""Appointment actions from 任免 notices: 任命 X为Y / 免去 X的Y职务 / X的原Y职务自然免除 /
接受X辞去Y职务的请求 (a resignation accepted: a removal noted 辞职)."""

from __future__ import annotations

import re
from datetime import date

from gongbao.model import Appointment, Span
from gongbao.segment.patterns import cn_int, split_outside_brackets, squeeze

_MODE = re.compile(r"(任命|免去|聘任|解聘|提名)[：:]\s*$")
# 任命张三为… / 决定任命… / 市人民政府决定，免去… at the start of a clause (inline layout)
_INLINE = re.compile(r"^(?:[\u4e00-\u9fff]{0,12}决定[，,]?)?(?P<verb>任命|免去|聘任|解聘)(?![：:])")
# one person (崔天凯, 傅莹（女）), or several sharing the post (崔天凯、傅莹（女）、翟隽为外交部副部长)
_NAME = r"[\u4e00-\u9fff·]{2,6}?(?:[（(]女[）)])?"
_PERSONS = rf"(?P<person>{_NAME}(?:、{_NAME})*?)"
_APPOINT = re.compile(rf"^{_PERSONS}(?:同志)?为(?P<post>.+?)[；;。，,]?$")
_REMOVE = re.compile(rf"^{_PERSONS}(?:同志)?的(?P<post>.+?)职务[；;。，,]?$")
_LAPSE = re.compile(rf"^{_PERSONS}(?:同志)?的原?(?P<post>.+?)职务自然免除[；;。，,]?$")
# 会议决定：接受方春明辞去安徽省人民政府副省长职务的请求 (a people's congress accepting a resignation)
_RESIGN = re.compile(rf"接受{_PERSONS}(?:同志)?辞去(?P<post>[^，,。；;：:]+?)职务的请求")
_WOMAN = re.compile(r"[（(]女[）)]$")
_PROBATION = re.compile(r"[（(]试用期(?P<n>[一二三四五六七八九十\d]{1,2})年[）)]")
# parenthesised notes that are not part of the post: ranking (列X之后), probation, grade
_NOTE = re.compile(
    r"[（(](?P<note>列[^（）()]{1,20}|试用期[^（）()]{1,6}|正[^（）()]{0,4}级|副[^（）()]{0,4}级|挂职[^（）()]{0,10})[）)]"
)


def extract_appointments(
    paragraphs: list[str], doc_number: str | None, signed: date | None, spans: list[Span | None] | None = None
) -> list[Appointment]:
    """Each appointment, removal and lapse in the notice's paragraphs, in printed order.

    Two layouts: a mode line (任命： / 免去：) followed by one person per line, as municipal
    notices print them; and inline sentences (任命张三为某局局长；免去李四的某局副局长职务。), as
    national and provincial notices do. ``spans``: the source span of each paragraph, copied
    onto what it yields."""
    out: list[Appointment] = []
    mode: str | None = None
    for k, p in enumerate(paragraphs):
        n_before = len(out)
        t = squeeze(p)
        mm = _MODE.search(t)
        resigned = list(_RESIGN.finditer(t))
        if resigned:
            for m in resigned:
                for a in _make("remove", m, doc_number, signed):
                    a.note = "；".join(x for x in (a.note, "辞职") if x)
                    out.append(a)
        elif mm:
            mode = _mode_of(mm.group(1))
        elif _INLINE.search(t):
            for clause in split_outside_brackets(t, "；;。"):
                im = _INLINE.match(clause)
                if im:
                    mode = _mode_of(im.group("verb"))
                    _read_line(clause[im.end() :], mode, doc_number, signed, out)
                else:
                    _read_line(clause, mode, doc_number, signed, out)
        else:
            _read_line(p, mode, doc_number, signed, out)
        if spans and k < len(spans):
            for a in out[n_before:]:
                a.span = spans[k]
    return out


def _mode_of(verb: str) -> str:
    return "appoint" if verb in ("任命", "聘任", "提名", "任") else "remove"


def _read_line(p: str, mode: str | None, doc_number: str | None, signed: date | None, out: list[Appointment]) -> None:
    """Append the actions one paragraph states (given the current 任命：/免去： mode)."""
    t = squeeze(p)
    if _MODE.search(t):
        return
    lm = _LAPSE.match(t)
    if lm:
        out.extend(_make("lapse", lm, doc_number, signed))
        return
    if mode == "appoint":
        am = _APPOINT.match(t)
        if am:
            out.extend(_make("appoint", am, doc_number, signed))
    elif mode == "remove":
        rm = _REMOVE.match(t)
        if rm:
            for post in _split_posts(rm.group("post")):
                out.extend(_make("remove", rm, doc_number, signed, post))


def _make(
    action: str, m: re.Match[str], doc_number: str | None, signed: date | None, post: str | None = None
) -> list[Appointment]:
    """One action per person the clause names (崔天凯、傅莹（女）、翟隽为…: three)."""
    raw = post if post is not None else m.group("post")
    probation = None
    pm = _PROBATION.search(raw)
    if pm:
        probation = cn_int(pm.group("n"))
    notes = [n.group("note") for n in _NOTE.finditer(raw) if not n.group("note").startswith("试用期")]
    clean = _NOTE.sub("", raw).strip()
    out = []
    for person in split_outside_brackets(m.group("person"), "、"):
        own = notes + (["女"] if _WOMAN.search(person) else [])
        name = _WOMAN.sub("", person)
        out.append(Appointment(doc_number, action, name, clean, probation, "；".join(own) or None, signed))
    return out


def _split_posts(s: str) -> list[str]:
    """``A、B`` -> [A, B], but never inside brackets (X中心（Y中心）副主任)."""
    return split_outside_brackets(s, "、")
