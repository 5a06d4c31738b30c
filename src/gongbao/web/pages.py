"""Server-rendered pages (Jinja2, autoescaped) over the same query functions as the CLI and the API.

Pages: documents on a date with facets (``/``), a document as of a date with its banner, TOC,
anchors, cite actions, relations and graph (``/doc/{work}``), permalinks by eId or citation
(``/doc/{work}/{node}``), versions (``/versions/{work}``), diffs (``/diff/{work}``), an article's
history (``/history/{work}/{article}``), a decision's effects (``/effects/{work}``), search,
issues, tasks, targets, units, people, rules and alerts, downloads (``/export/{work}``) and feeds
(``/feed.atom``, ``/tasks.ics``). Every page reads only what it shows.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from gongbao.api.app import ApiError, engine_of
from gongbao.errors import CitationError, InputError
from gongbao.grammar.labels import LINKABLE_ARTICLE_REF
from gongbao.web.urls import doc_url, export_url, page_url

__all__ = ["render_error", "router"]

router = APIRouter(include_in_schema=False)
_TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=str(_TEMPLATES))  # autoescape is on for .html
templates.env.globals.update(doc_url=doc_url, export_url=export_url, page_url=page_url)

STATE_ZH = {
    "in_force": "现行有效",
    "amended": "已修改",
    "repealed": "已废止",
    "expired": "已失效",
    "not_yet_in_force": "尚未施行",
    "unknown": "未知",
}
ORIGIN_ZH = {"printed": "原文", "republished": "重新公布", "consolidated": "汇编（合并修改）"}
templates.env.globals.update(STATE_ZH=STATE_ZH, ORIGIN_ZH=ORIGIN_ZH)


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        raise ApiError(400, "bad_date", f"not an ISO date (YYYY-MM-DD): {s[:20]!r}") from None


def _int(s: str | None, name: str, default: int, lo: int = 1, hi: int = 100_000) -> int:
    if s in (None, ""):
        return default
    try:
        v = int(s)
    except ValueError:
        raise ApiError(422, "invalid", f"{name}: not a number") from None
    if not lo <= v <= hi:
        raise ApiError(422, "invalid", f"{name}: must be between {lo} and {hi}")
    return v


def _text(s: str | None, name: str, limit: int = 200) -> str | None:
    if s is None:
        return None
    s = s.strip()
    if len(s) > limit:
        raise ApiError(422, "invalid", f"{name}: longer than {limit} characters")
    return s or None


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def render_error(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return render(request, "error.html", {"status": status, "code": code, "message": message}, status)


# ---------------------------------------------------------------- lists


@router.get("/", response_class=HTMLResponse)
def page_index(
    request: Request,
    as_of: str | None = None,
    in_force: str | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    year: str | None = None,
    state: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    from gongbao.query.catalog import catalog

    day = _day(as_of)
    c = catalog(
        engine_of(request),
        as_of=day,
        in_force=in_force in ("true", "on", "1"),
        kind=_text(kind, "kind", 50),
        issuer=_text(issuer, "issuer", 100),
        year=_int(year, "year", 0, 0, 3000) or None,
        state=_text(state, "state", 30),
        page=_int(page, "page", 1),
        per_page=50,
    )
    params = {
        "as_of": as_of or "",
        "in_force": "true" if in_force in ("true", "on", "1") else "",
        "kind": kind or "",
        "issuer": issuer or "",
        "year": year or "",
        "state": state or "",
    }
    return render(request, "index.html", {"c": c, "params": params})


@router.get("/doc", response_class=HTMLResponse)
def page_doc_by_ref(ref: str, as_of: str | None = None) -> RedirectResponse:
    return RedirectResponse(doc_url(ref, as_of=as_of), status_code=308)


# ---------------------------------------------------------------- a document


_ART_REF = LINKABLE_ARTICLE_REF
_TITLE_REF = re.compile(r"《([^《》\n]{2,60})》")
_NUMBER_REF = re.compile(r"[\u4e00-\u9fff]{1,16}(?:〔\d{4}〕\d+号|令第\d+号)")


def _linker(tree: Any, ref: str, as_of: str | None, titles: dict[str, str]) -> Any:
    """A function turning a node's text into escaped HTML with its references as links."""
    by_cite: dict[str, str] = {}
    for n in tree.walk():
        if n.citation and n.eid and n.citation not in by_cite and n.kind in ("article", "paragraph", "item"):
            by_cite[n.citation] = n.eid

    def link(text: str) -> Markup:
        out: list[str] = []
        pos = 0
        spans: list[tuple[int, int, str]] = []
        for m in _ART_REF.finditer(text):
            eid = by_cite.get(m.group(1))
            if eid and m.start() > 0:  # not the article's own label at the start of its text
                spans.append((m.start(), m.end(), "#" + eid))
        for m in _TITLE_REF.finditer(text):
            target = titles.get(m.group(1))
            if target:
                spans.append((m.start(), m.end(), doc_url(target)))
        for m in _NUMBER_REF.finditer(text):
            number = m.group(0)
            # the longest suffix that names a stored document (聊城市人民政府令第48号 in 经…令第48号)
            for k in range(len(number)):
                target = titles.get(number[k:])
                if target:
                    spans.append((m.start() + k, m.end(), doc_url(target)))
                    break
        spans.sort()
        for a, b, href in spans:
            if a < pos:
                continue
            out.append(str(escape(text[pos:a])))
            out.append(f'<a class="ref" href="{escape(href)}">{escape(text[a:b])}</a>')
            pos = b
        out.append(str(escape(text[pos:])))
        return Markup("".join(out))

    return link


_CITABLE = {"article", "paragraph", "item", "subitem", "heading1", "heading2", "heading3", "heading4", "heading5"}
_TOC_KINDS = {"part", "subpart", "chapter", "section", "article", "heading1", "heading2"}


def _toc(tree: Any) -> list[tuple[int, str, str]]:
    out = []
    depth_of = {"part": 0, "subpart": 0, "chapter": 0, "section": 1, "heading1": 0, "heading2": 1, "article": 1}
    for n in tree.walk():
        if n.kind in _TOC_KINDS and n.eid:
            label = (n.display().split("\n")[0] or n.label or n.eid).strip()
            if n.kind == "article":
                label = n.label or label[:12]
            out.append((depth_of.get(n.kind, 1), n.eid, label[:40]))
    return out


def _document_context(request: Request, work: str, as_of: str | None, node: str | None) -> dict[str, Any]:
    from gongbao.query.links import links
    from gongbao.query.nodes import find_node
    from gongbao.query.versions import point_in_time
    from gongbao.web.svg import relation_graph

    engine = engine_of(request)
    day = _day(as_of)
    pit = point_in_time(engine, work, day)
    focus = None
    if node:
        n = find_node(pit.tree, node)
        if n is None:
            raise CitationError(f"{pit.document.ref} has no provision {node!r}" + (f" as of {as_of}" if as_of else ""))
        focus = n.eid
    ln = links(engine, pit.document.ref)
    titles = {}
    for x in ln.outgoing + ln.incoming:
        if x.resolved:
            if x.other_title:
                titles[x.other_title] = x.other
            titles[x.other] = x.other
    effects = None
    if pit.document.kind in ("令", "决定") and any(x.kind in ("amends", "repeals") for x in ln.outgoing):
        effects = _effects_rows(engine, pit.document.ref)
    cite_title = pit.document.instrument_title or pit.document.title
    return {
        "pit": pit,
        "doc": pit.document,
        "as_of": as_of or "",
        "focus": focus,
        "toc": _toc(pit.tree),
        "link": _linker(pit.tree, pit.document.ref, as_of, titles),
        "links": ln,
        "graph": Markup(relation_graph(ln, pit.document.title)) if (ln.outgoing or ln.incoming) else None,
        "cite_title": cite_title,
        "citable": _CITABLE,
        "effects": effects,
        "KIND_ZH": __import__("gongbao.web.svg", fromlist=["KIND_ZH"]).KIND_ZH,
    }


@router.get("/doc/{work}", response_class=HTMLResponse)
def page_document(request: Request, work: str, as_of: str | None = None) -> HTMLResponse:
    try:
        ctx = _document_context(request, work, as_of, None)
    except CitationError:
        return _referenced_only(request, work, as_of)
    return render(request, "document.html", ctx)


def _referenced_only(request: Request, work: str, as_of: str | None) -> HTMLResponse:
    """A document only referenced by stored ones (a repealed regulation): its status and relations."""
    from gongbao.query.links import links
    from gongbao.query.status import status
    from gongbao.web.svg import KIND_ZH, relation_graph

    engine = engine_of(request)
    st = status(engine, work, _day(as_of))  # CitationError (404) when not even referenced
    ln = links(engine, work)
    title = st.title or work
    return render(
        request,
        "referenced.html",
        {
            "work": work,
            "title": title,
            "st": st,
            "links": ln,
            "as_of": as_of or "",
            "KIND_ZH": KIND_ZH,
            "graph": Markup(relation_graph(ln, title)) if (ln.outgoing or ln.incoming) else None,
        },
    )


@router.get("/doc/{work}/{node}", response_class=HTMLResponse)
def page_node(request: Request, work: str, node: str, as_of: str | None = None) -> HTMLResponse:
    return render(request, "document.html", _document_context(request, work, as_of, node))


# ---------------------------------------------------------------- history


@router.get("/versions/{work}", response_class=HTMLResponse)
def page_versions(request: Request, work: str) -> HTMLResponse:
    from gongbao.query.versions import timeline

    row, found = timeline(engine_of(request), work)
    return render(request, "versions.html", {"work": row.ref if row else work, "row": row, "versions": found})


@router.get("/diff/{work}", response_class=HTMLResponse)
def page_diff(
    request: Request, work: str, a: str | None = None, b: str | None = None, changed: str | None = None
) -> HTMLResponse:
    from gongbao.api.v1 import _diff

    va, vb, rows = _diff(request, work, _int(a, "a", 0, 0, 2**31) or None, _int(b, "b", 0, 0, 2**31) or None)
    only_changed = changed not in ("0", "false")
    shown = [r for r in rows if r.status != "same"] if only_changed else rows
    return render(
        request,
        "diff.html",
        {
            "work": va.work,
            "a": va,
            "b": vb,
            "rows": shown,
            "n_same": len(rows) - len([r for r in rows if r.status != "same"]),
            "only_changed": only_changed,
        },
    )


@router.get("/history/{work}/{article}", response_class=HTMLResponse)
def page_article_history(request: Request, work: str, article: str) -> HTMLResponse:
    from gongbao.query.versions import article_history

    n = _int(article, "article", 1, 1, 10_000)
    changes = article_history(engine_of(request), work, n)
    return render(request, "history.html", {"work": work, "article": n, "changes": changes})


def _effects_rows(engine: Any, ref: str) -> Any:
    from gongbao.api.v1 import effect_target_url
    from gongbao.query.effects import effects

    try:
        ef = effects(engine, ref)
    except CitationError:
        return None
    numbers = {w.work: w.doc_number for w in ef.works}
    return ef, [(e, effect_target_url(e, ef.effective, numbers)) for e in ef.effects]


@router.get("/effects/{work}", response_class=HTMLResponse)
def page_effects(request: Request, work: str) -> HTMLResponse:
    from gongbao.query.effects import effects

    ef = effects(engine_of(request), work)  # 404 when not a stored decision
    del ef
    data = _effects_rows(engine_of(request), work)
    return render(request, "effects.html", {"effects": data})


# ---------------------------------------------------------------- search and issues


@router.get("/search", response_class=HTMLResponse)
def page_search(
    request: Request,
    q: str = "",
    as_of: str | None = None,
    kind: str | None = None,
    state: str | None = None,
    in_force: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    from gongbao.api.v1 import run_search
    from gongbao.query.search import MARK_CLOSE, MARK_OPEN

    q = _text(q, "q", 200) or ""
    pg = _int(page, "page", 1, 1, 50)
    hits: list[Any] = []
    total = 0
    facets: dict[str, list[tuple[str, int]]] = {}
    if q:
        found, total, facets = run_search(
            request,
            q,
            _day(as_of),
            _text(kind, "kind", 50),
            None,
            in_force in ("true", "on", "1"),
            pg,
            20,
            _text(state, "state", 30),
        )
        for h in found:
            segs: list[tuple[bool, str]] = []
            for i, piece in enumerate(re.split(f"[{MARK_OPEN}{MARK_CLOSE}]", h.snippet)):
                if piece:
                    segs.append((i % 2 == 1, piece))
            hits.append((h, segs))
    params = {
        "q": q,
        "as_of": as_of or "",
        "kind": kind or "",
        "state": state or "",
        "in_force": "true" if in_force in ("true", "on", "1") else "",
    }
    return render(
        request,
        "search.html",
        {
            "q": q,
            "hits": hits,
            "total": total,
            "facets": facets,
            "params": params,
            "page": pg,
            "pages": max(1, -(-total // 20)),
        },
    )


@router.get("/issues", response_class=HTMLResponse)
def page_issues(request: Request) -> HTMLResponse:
    from gongbao.query.catalog import list_issues

    return render(request, "issues.html", {"issues": list_issues(engine_of(request))})


@router.get("/issues/{issue_id}", response_class=HTMLResponse)
def page_issue(request: Request, issue_id: str) -> HTMLResponse:
    from gongbao.query.catalog import issue_detail

    n = _int(issue_id, "issue", 1, 1, 2**31 - 1)
    found = issue_detail(engine_of(request), n)
    if found is None:
        raise CitationError(f"no issue {n}")
    by_number = {}
    for ref, title, _kind in found.documents:
        by_number[ref] = ref
        by_number[title] = ref
    return render(request, "issue.html", {"issue": found, "by_number": by_number})


# ---------------------------------------------------------------- the administrative side


@router.get("/tasks", response_class=HTMLResponse)
def page_tasks(
    request: Request,
    unit: str | None = None,
    role: str | None = None,
    as_of: str | None = None,
    due_before: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    from gongbao.api.v1 import find_tasks

    unit = _text(unit, "unit", 100)
    if role not in (None, "", "lead", "cooperating", "responsible"):
        raise ApiError(422, "invalid", "role: lead, cooperating or responsible")
    today = _day(as_of) or date.today()
    pg = _int(page, "page", 1, 1, 100_000)
    total, tasks = find_tasks(
        request, unit, role or None, _day(due_before), None, offset=(pg - 1) * _TASKS_PER_PAGE, limit=_TASKS_PER_PAGE
    )
    return render(
        request,
        "tasks.html",
        {
            "tasks": tasks,
            "total": total,
            "page": pg,
            "pages": max(1, -(-total // _TASKS_PER_PAGE)),
            "first": (pg - 1) * _TASKS_PER_PAGE + 1,
            "params": {"unit": unit or "", "role": role or "", "as_of": as_of or "", "due_before": due_before or ""},
            "unit": unit or "",
            "role": role or "",
            "today": today,
            "as_of": as_of or "",
            "due_before": due_before or "",
        },
    )


_TASKS_PER_PAGE = 100


@router.get("/targets", response_class=HTMLResponse)
def page_targets(request: Request, unit: str | None = None, due_before: str | None = None) -> HTMLResponse:
    from gongbao.api.services import ledger
    from gongbao.query.ledger import select_targets

    led = ledger(request.app.state.cache, engine_of(request))
    pairs = select_targets(led, due_before=_day(due_before), unit=_text(unit, "unit", 100), goals=not unit)
    return render(request, "targets.html", {"pairs": pairs, "unit": unit or "", "due_before": due_before or ""})


@router.get("/units", response_class=HTMLResponse)
def page_units(request: Request) -> HTMLResponse:
    from gongbao.api.services import ledger
    from gongbao.query.ledger import unit_counts

    counts = unit_counts(ledger(request.app.state.cache, engine_of(request)))
    return render(request, "units.html", {"counts": counts})


@router.get("/people", response_class=HTMLResponse)
def page_people(
    request: Request, post: str | None = None, person: str | None = None, as_of: str | None = None
) -> HTMLResponse:
    from gongbao.api.v1 import find_people

    day = _day(as_of) or date.today()
    records, holders = find_people(request, _text(post, "post", 100), _text(person, "person", 50), day)
    return render(
        request,
        "people.html",
        {
            "records": records,
            "holders": holders or [],
            "as_of": day.isoformat(),
            "post": post or "",
            "person": person or "",
        },
    )


@router.get("/rules", response_class=HTMLResponse)
def page_rules(request: Request) -> HTMLResponse:
    from gongbao.api.services import plan_provisions

    plan, links, _ = plan_provisions(request.app.state.cache, engine_of(request))
    return render(request, "rules.html", {"plan": plan, "provisions": links})


@router.get("/alert", response_class=HTMLResponse)
def page_alert_form(request: Request) -> HTMLResponse:
    return render(request, "alert.html", {"result": None, "svg": None, "csv": ""})


@router.post("/alert", response_class=HTMLResponse)
async def page_alert(request: Request) -> HTMLResponse:
    """The form's series: a CSV file (multipart) or pasted text (multipart or urlencoded)."""
    from urllib.parse import parse_qs

    from gongbao.api.services import MAX_SERIES_BYTES, alert
    from gongbao.api.v1 import multipart_fields, read_limited

    body = await read_limited(request, MAX_SERIES_BYTES + 64 * 1024)
    ctype = request.headers.get("content-type", "")
    fields: dict[str, bytes] = {}
    if ctype.lower().startswith("multipart/form-data"):
        fields = {k: v for k, (v, _name) in multipart_fields(ctype, body).items()}
    else:
        fields = {k: v[0].encode("utf-8") for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    data = fields.get("series") or fields.get("csv") or b""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the series is not UTF-8 text") from None
    if not text.strip():
        raise InputError("give an hourly series: a CSV file or text with 'time' and 'aqi24' columns")
    result, svg = await run_in_threadpool(alert, request.app.state.cache, engine_of(request), text, plot=True)
    import base64

    img = "data:image/svg+xml;base64," + base64.b64encode((svg or "").encode("utf-8")).decode("ascii")
    from gongbao.api.services import plan_provisions

    plan, _, _ = plan_provisions(request.app.state.cache, engine_of(request))
    return render(
        request,
        "alert.html",
        {"result": result.to_json(), "svg": img, "csv": text if len(text) < 20_000 else "", "plan": plan},
    )


# ---------------------------------------------------------------- downloads and feeds


@router.get("/export/{work}")
def export(
    request: Request, work: str, format: str = "json", version: str | None = None, as_of: str | None = None
) -> Response:
    """A document (or one version of it) as JSON (gongbao.document/1), Markdown or Akoma Ntoso."""
    import json

    from gongbao.export.akn import document_to_akn
    from gongbao.export.markdown import document_to_markdown
    from gongbao.export.tree_json import node_to_json
    from gongbao.query.nodes import model_document, text_tree
    from gongbao.query.versions import point_in_time, version_text

    if format not in ("json", "md", "akn"):
        raise ApiError(422, "invalid", "format: json, md or akn")
    engine = engine_of(request)
    pit = point_in_time(engine, work, _day(as_of))
    info, text, tree = pit.version, pit.text, pit.tree
    if version:
        vid = _int(version, "version", 1, 1, 2**31 - 1)
        if vid not in [v.id for v in pit.versions]:
            raise CitationError(f"version {vid} is not a version of {pit.document.ref}")
        info, text, _ = version_text(engine, vid)
        from gongbao.query.nodes import stored_tree

        if info.document_id is not None:
            with engine.connect() as conn:
                tree = stored_tree(conn, info.document_id)
        else:
            tree = text_tree(text, pit.document.kind)
    doc = model_document(pit.document, tree, text)
    if info is not None and info.origin == "consolidated":
        doc.signed_date = info.valid_from
        doc.effective_date = info.valid_from
    stem = re.sub(r"[^\w\-]+", "_", pit.document.ref)[:80] + (f"-v{info.id}" if info else "")
    if format == "json":
        body = {
            "schema": "gongbao.document/1",
            "document": pit.document.to_json(),
            "version": info.to_json() if info else None,
            "text": text,
            "body": node_to_json(doc.body) if doc.body else None,
        }
        data, media, ext = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"), "application/json", "json"
    elif format == "md":
        data, media, ext = document_to_markdown(doc).encode("utf-8"), "text/markdown; charset=utf-8", "md"
    else:
        data, media, ext = document_to_akn(doc), "application/akn+xml", "akn.xml"
    from urllib.parse import quote

    return Response(
        data,
        media_type=media,
        headers={
            "Content-Disposition": f"attachment; filename=\"document.{ext}\"; filename*=UTF-8''{quote(stem)}.{ext}"
        },
    )


def _atom_date(d: Any) -> str:
    if isinstance(d, datetime):
        return d.replace(tzinfo=d.tzinfo or UTC).isoformat()
    if isinstance(d, date):
        return datetime(d.year, d.month, d.day, tzinfo=UTC).isoformat()
    return datetime(1970, 1, 1, tzinfo=UTC).isoformat()


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    """Atom feed of the documents stored last."""
    from gongbao.query.catalog import newest_documents

    rows = newest_documents(engine_of(request), 50)
    base = str(request.base_url).rstrip("/")
    updated = _atom_date(rows[0]["ingested_at"]) if rows else _atom_date(None)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<title>gongbao: new documents</title>",
        f"<id>{escape(base)}/feed.atom</id>",
        f'<link rel="self" href="{escape(base)}/feed.atom"/>',
        f"<updated>{updated}</updated>",
        "<author><name>gongbao</name></author>",
    ]
    for r in rows:
        url = base + doc_url(r["ref"])
        summary = " · ".join(
            x
            for x in (r["ref"], r["kind"], r["issuer"] or "", r["signed_date"].isoformat() if r["signed_date"] else "")
            if x
        )
        parts.append(
            f"<entry><title>{escape(r['title'])}</title><id>{escape(url)}</id>"
            f'<link href="{escape(url)}"/><updated>{_atom_date(r["ingested_at"])}</updated>'
            f"<summary>{escape(summary)}</summary></entry>"
        )
    parts.append("</feed>")
    return Response("\n".join(parts), media_type="application/atom+xml")


def _ics_text(s: str) -> str:
    s = s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return s


def _fold(line: str) -> str:
    """RFC 5545 line folding at 75 octets."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > 73:
            out.append(cur.decode("utf-8"))
            cur = b" " + b
        else:
            cur += b
    out.append(cur.decode("utf-8"))
    return "\r\n".join(out)


@router.get("/tasks.ics")
def tasks_calendar(request: Request, unit: str | None = None, role: str | None = None) -> Response:
    """iCalendar (RFC 5545) of a unit's task deadlines: one all-day event per dated task."""
    from gongbao.api.v1 import find_tasks

    if role not in (None, "", "lead", "cooperating", "responsible"):
        raise ApiError(422, "invalid", "role: lead, cooperating or responsible")
    _, tasks = find_tasks(request, _text(unit, "unit", 100), role or None, None, None)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//gongbao//tasks//ZH",
        "CALSCALE:GREGORIAN",
        _fold("X-WR-CALNAME:" + _ics_text(f"{unit or '全部单位'} 任务期限")),
    ]
    base = str(request.base_url).rstrip("/")
    for t in tasks:
        if t.deadline is None:
            continue
        uid = re.sub(r"[^\w.-]", "_", f"{t.doc_number or t.doc_title}-{t.eid}-{t.position}")
        end = t.deadline + timedelta(days=1)
        summary = (t.heading or t.text)[:60]
        desc = f"{t.doc_number or t.doc_title} {t.position}\n牵头: {'、'.join(t.lead)}\n{t.text[:400]}"
        lines += [
            "BEGIN:VEVENT",
            _fold(f"UID:{uid}@gongbao"),
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{t.deadline.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            _fold("SUMMARY:" + _ics_text("期限: " + summary)),
            _fold("DESCRIPTION:" + _ics_text(desc)),
            _fold("URL:" + base + doc_url(t.doc_number or t.doc_title or "", t.eid or None)),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return Response("\r\n".join(lines) + "\r\n", media_type="text/calendar; charset=utf-8")
