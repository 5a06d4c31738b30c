"""The post-holder ledger: who was appointed to or removed from which post, and when (issue #7).

Input is ``model.Appointment`` records (from the pipeline's appointment notices, 任免通知):
``appoint`` (任命), ``remove`` (免去) and ``lapse`` (职务自然免除). Each record is dated by
the appointment's own date or else by the signed date of its notice. A probation
(试用期一年) ends the day before the same date N years later.

``holders_as_of(records, day)`` replays the records in date order: an appointment
makes a person hold a post; a removal or lapse ends it. Only what the given notices
say is known: a post's holders before the first notice are unknown, not empty — but a
removal says its person held the post until then (a holder with no start, ``until`` the
removal's date). One post printed several ways is one post (``grammar.posts.post_key``:
湖北省人民政府省长 = 湖北省省长; 代理省长 and 代省长 its acting holder). ``find_people`` works the
holders out from every record and filters them afterwards.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gongbao import model
from gongbao.extract.units import default_registry, unit_key
from gongbao.grammar.posts import HEAD_TITLE, deputy_of, post_key

__all__ = [
    "SCHEMA_PEOPLE",
    "Holding",
    "PostRecord",
    "appointments_from_store",
    "filter_records",
    "find_people",
    "holders_as_of",
    "people_csv",
    "people_json",
    "people_text",
    "post_ledger",
    "post_matches",
    "probation_end",
]

SCHEMA_PEOPLE = "gongbao.people/1"
ACTION_NAMES = {"appoint": "任命", "remove": "免去", "lapse": "职务自然免除"}
# Titles at the end of a post, longest first (副主任 before 主任).
_TITLE_RE = re.compile(
    r"(副?(?:主任|局长|院长|校长|所长|处长|科长|部长|秘书长|主席|会长|书记|总督学|督学|总经理|经理|董事长|行长|馆长|站长|队长|"
    r"社长|总编辑|主编|委员|成员|检察长|庭长|审判员|区长|县长|市长|镇长|乡长|关长|台长|总工程师|总会计师|总经济师|调研员))$"
)


def probation_end(start: date | None, years: int | None) -> date | None:
    """The last day of a probation of ``years`` years starting on ``start`` (None if either is None)."""
    if start is None or not years:
        return None
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return end - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PostRecord:
    """One action of a notice on one person and post, dated."""

    person: str
    post: str
    action: str  # appoint, remove, lapse
    doc_number: str | None
    date: datetime.date | None  # the field shadows the type ``date`` in the class body
    probation_years: int | None = None
    probation_end: datetime.date | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "post": self.post,
            "action": self.action,
            "doc_number": self.doc_number,
            "date": self.date.isoformat() if self.date else None,
            "probation_years": self.probation_years,
            "probation_end": self.probation_end.isoformat() if self.probation_end else None,
            "note": self.note,
        }


def post_ledger(
    appointments: Iterable[model.Appointment], documents: Iterable[model.Document] = ()
) -> list[PostRecord]:
    """Dated records of ``appointments``, in date order (undated last), print order kept within a date.

    An appointment without a date takes the signed date of the document whose 文号 it
    carries (from ``documents``).
    """
    signed = {d.doc_number: d.signed_date for d in documents if d.doc_number}
    out = []
    for a in appointments:
        day = a.date or signed.get(a.doc_number or "")
        out.append(
            PostRecord(
                person=a.person,
                post=a.post,
                action=a.action,
                doc_number=a.doc_number,
                date=day,
                probation_years=a.probation_years,
                probation_end=probation_end(day, a.probation_years) if a.action == "appoint" else None,
                note=a.note,
            )
        )
    order = {id(r): i for i, r in enumerate(out)}
    return sorted(out, key=lambda r: (r.date is None, r.date or date.min, order[id(r)]))


def _split_post(post: str) -> tuple[str, str]:
    """``聊城市发展和改革委员会副主任`` -> (``聊城市发展和改革委员会``, ``副主任``)."""
    p = re.sub(r"（[^）]*）$", "", post)
    m = _TITLE_RE.search(p)
    return (p[: m.start()], m.group(1)) if m else (p, "")


def post_matches(query: str, post: str) -> bool:
    """True when ``query`` names ``post``: part of its printed text, or the same unit
    (any alias: 市发改委) with the same title when the query has one."""
    q = re.sub(r"\s+", "", query)
    if not q:
        return False
    if _part_of(q, post) or _part_of(unit_key(q), unit_key(post)):
        return True
    # one post under its printed names: 湖北省人民政府省长 = 湖北省省长 = 湖北省代理省长 (its acting holder)
    qk, pk = post_key(q)[0], post_key(post)[0]
    if qk == pk or _part_of(qk, pk):
        return True
    q_unit, q_title = _split_post(q)
    p_unit, p_title = _split_post(post)
    if q_title and q_title != p_title:
        return False
    reg = default_registry()
    return bool(q_unit) and reg.canonical(q_unit) == reg.canonical(p_unit)


def _part_of(q: str, post: str) -> bool:
    """``q`` printed in ``post``, not as the end of a deputy's title (省长 is not in 湖北省副省长)."""
    start = post.find(q)
    while start >= 0:
        if q.startswith("副") or start == 0 or post[start - 1] != "副":
            return True
        start = post.find(q, start + 1)
    return False


def filter_records(
    records: Iterable[PostRecord], *, post: str | None = None, person: str | None = None
) -> list[PostRecord]:
    """Records about a post (``post_matches``) and/or a person (name or part of it)."""
    out = []
    for r in records:
        if post and not post_matches(post, r.post):
            continue
        if person and re.sub(r"\s+", "", person) not in r.person:
            continue
        out.append(r)
    return out


@dataclass(frozen=True, slots=True)
class Holding:
    """A person holding a post on a day, since the notice that appointed them."""

    person: str
    post: str
    since: date | None
    doc_number: str | None
    probation_end: date | None
    on_probation: bool
    acting: bool = False  # 代理: the acting holder of the post
    until: date | None = None  # known only from a later removal (免去/辞职 on this date): since unknown

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "post": self.post,
            "since": self.since.isoformat() if self.since else None,
            "doc_number": self.doc_number,
            "probation_end": self.probation_end.isoformat() if self.probation_end else None,
            "on_probation": self.on_probation,
            "acting": self.acting,
            "until": self.until.isoformat() if self.until else None,
        }


def holders_as_of(records: Iterable[PostRecord], day: date) -> list[Holding]:
    """Who holds which post on ``day`` by the records dated on or before it.

    Undated records are ignored. A person removed from a post (免去, 职务自然免除) no
    longer holds it; several people may hold the same post (副主任). Within a day removals
    come before appointments (the store's order of two notices of one day does not matter).

    One post printed several ways is one post (湖北省人民政府省长, 湖北省省长); its acting holder
    (代理省长, 代省长) holds it acting. A government's head (省长, 市长 …) is one person: whoever
    is appointed or elected to it ends anyone else's holding, and their own deputy post (a 副省长
    made 代理省长 and then elected 省长 is no longer 副省长); whoever leaves it (免去, 辞职) leaves
    the deputy post too (a 省长 who resigns held no 副省长 any more).

    A removal dated after ``day`` says its person held the post until then: when nothing on or
    before ``day`` and no appointment between says otherwise, they are a holder whose start is
    unknown (``since`` None, ``until`` the removal's date) — 郭唐寅 on 2019-05-01, removed as
    厅长 on 2019-05-29.
    """
    held: dict[tuple[str, str], PostRecord] = {}
    dated = sorted(
        (r for r in records if r.date and r.date <= day), key=lambda r: (r.date or date.min, r.action == "appoint")
    )
    for r in dated:
        pk = _post_key(r.post)
        head = _is_head(r.post)
        deputy = deputy_of(post_key(r.post)[0]) if head else None
        if r.action == "appoint":
            if head:
                for k in [k for k in held if k[1] == pk and k[0] != r.person]:
                    del held[k]
            if deputy and not _acting(r):
                held.pop((r.person, _post_key(deputy)), None)
            held[(r.person, pk)] = r
        else:
            held.pop((r.person, pk), None)
            if deputy:
                held.pop((r.person, _post_key(deputy)), None)
    out = [
        Holding(
            r.person,
            r.post,
            r.date,
            r.doc_number,
            r.probation_end,
            bool(r.probation_end and day <= r.probation_end),
            _acting(r),
        )
        for r in held.values()
    ]
    out += [
        Holding(r.person, r.post, None, r.doc_number, None, False, _acting(r), until=r.date)
        for r in _held_until_later(records, day, dated, held)
    ]
    return sorted(out, key=lambda h: (h.post, h.since or date.min, h.person))


def _held_until_later(
    records: Iterable[PostRecord], day: date, known: list[PostRecord], held: dict[tuple[str, str], PostRecord]
) -> list[PostRecord]:
    """The first removal after ``day`` of each person and post nothing up to ``day`` speaks of and no
    appointment between explains (a head's post: nor anyone else's appointment, nor a known holder)."""
    seen = {(r.person, _post_key(r.post)) for r in known}
    held_heads = {k[1] for k, r in held.items() if _is_head(r.post)}
    later = sorted(
        (r for r in records if r.date and r.date > day), key=lambda r: (r.date or date.min, r.action == "appoint")
    )
    started: set[tuple[str, str]] = set()
    appointed_heads: set[str] = set()
    out: dict[tuple[str, str], PostRecord] = {}
    for r in later:
        key = (r.person, _post_key(r.post))
        if r.action == "appoint":
            started.add(key)
            if _is_head(r.post):
                appointed_heads.add(key[1])
            continue
        if key in seen or key in started or key in out:
            continue
        if _is_head(r.post) and (key[1] in held_heads or key[1] in appointed_heads):
            continue
        out[key] = r
    return list(out.values())


def find_people(
    records: list[PostRecord], *, post: str | None = None, person: str | None = None, as_of: date | None = None
) -> tuple[list[PostRecord], list[Holding] | None]:
    """The records about ``post``/``person``, and (with ``as_of``) who holds such a post on that day.

    The holders are worked out from every record and filtered afterwards: a record about another
    post can end a holding (湖北省副省长 ends when its holder is elected 省长, a record the filter
    ``--post 副省长`` leaves out)."""
    found = filter_records(records, post=post, person=person)
    if as_of is None:
        return found, None
    who = re.sub(r"\s+", "", person or "")
    holders = [
        h
        for h in holders_as_of(records, as_of)
        if (not post or post_matches(post, h.post)) and (not who or who in h.person)
    ]
    return found, holders


def _acting(r: PostRecord) -> bool:
    return post_key(r.post)[1] or "代理" in (r.note or "").split("；")


def _is_head(post: str) -> bool:
    """Is ``post`` a government's head (湖北省省长, 湖北省人民政府代省长), held by one person?"""
    key = post_key(post)[0]
    m = re.search(r"(?:省长|市长|县长|区长|州长|旗长|盟长|乡长|镇长|主席)$", key)
    return bool(m and HEAD_TITLE.fullmatch(m.group(0)) and not key[: m.start()].endswith("副") and m.start() > 0)


def _post_key(post: str) -> str:
    post = post_key(post)[0]
    unit, title = _split_post(post)
    return unit_key(default_registry().canonical(unit)) + title if unit else unit_key(post)


# ---------------------------------------------------------------- formats


def people_json(
    records: list[PostRecord], holders: list[Holding] | None = None, as_of: date | None = None
) -> dict[str, Any]:
    """``{"schema": "gongbao.people/1", "records": [...], "as_of": …, "holders": [...]}``."""
    out: dict[str, Any] = {"schema": SCHEMA_PEOPLE, "count": len(records), "records": [r.to_json() for r in records]}
    if holders is not None:
        out["as_of"] = as_of.isoformat() if as_of else None
        out["holders"] = [h.to_json() for h in holders]
    return out


def people_csv(records: list[PostRecord], holders: list[Holding] | None = None) -> str:
    """CSV (UTF-8 BOM, CRLF): the holders when given, else the records."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if holders is not None:
        w.writerow(["person", "post", "since", "doc_number", "probation_end", "on_probation"])
        for h in holders:
            w.writerow(
                [
                    h.person,
                    h.post,
                    h.since.isoformat() if h.since else "",
                    h.doc_number or "",
                    h.probation_end.isoformat() if h.probation_end else "",
                    "yes" if h.on_probation else "",
                ]
            )
    else:
        w.writerow(["date", "doc_number", "action", "person", "post", "probation_years", "probation_end", "note"])
        for r in records:
            w.writerow(
                [
                    r.date.isoformat() if r.date else "",
                    r.doc_number or "",
                    r.action,
                    r.person,
                    r.post,
                    r.probation_years or "",
                    r.probation_end.isoformat() if r.probation_end else "",
                    r.note or "",
                ]
            )
    return "\ufeff" + buf.getvalue()


def people_text(records: list[PostRecord], holders: list[Holding] | None = None, as_of: date | None = None) -> str:
    lines = []
    if holders is not None:
        lines.append(f"截至 {as_of.isoformat() if as_of else ''} 任职：")
        for h in holders:
            parts = [
                "代理" if h.acting else None,
                h.doc_number,
                f"{h.since.isoformat()}起" if h.since else None,
                f"起始不详，任至{h.until.isoformat()}" if h.until else None,
                f"试用期至 {h.probation_end.isoformat()}" if h.probation_end else None,
            ]
            said = "，".join(x for x in parts if x)  # a notice without a 文号 prints no empty field
            lines.append(f"  {h.post}：{h.person}" + (f"（{said}）" if said else ""))
        lines.append(f"{len(holders)} holders")
        return "\n".join(lines)
    for r in records:
        prob = f"（试用期{r.probation_years}年，至 {r.probation_end.isoformat()}）" if r.probation_end else ""
        day = r.date.isoformat() if r.date else "????-??-??"
        lines.append(f"{day} {r.doc_number or ''} {ACTION_NAMES.get(r.action, r.action)} {r.person} {r.post}{prob}")
    lines.append(f"{len(records)} records")
    return "\n".join(lines)


def appointments_from_store(engine: Any) -> list[model.Appointment]:
    """Appointment records read back from the store, dated by their notice when undated; read
    again first when another version of gongbao made them (``store.records.ensure_current``)."""
    import sqlalchemy as sa

    from gongbao.store.records import ensure_current
    from gongbao.store.schema import appointments, documents

    ensure_current(engine)

    with engine.connect() as conn:
        q = (
            sa.select(appointments, documents.c.signed_date)
            .select_from(appointments.outerjoin(documents, appointments.c.document_id == documents.c.id))
            .order_by(appointments.c.id)
        )
        return [
            model.Appointment(
                doc_number=r["doc_number"],
                action=r["action"],
                person=r["person"],
                post=r["post"],
                probation_years=r["probation_years"],
                note=r["note"],
                date=r["date"] or r["signed_date"],
            )
            for r in conn.execute(q).mappings()
        ]
