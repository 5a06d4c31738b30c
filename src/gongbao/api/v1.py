"""The JSON API, ``/api/v1/…``: one endpoint per query the CLI answers, typed (``api.models``).

| CLI | endpoint |
|---|---|
| docs | GET /api/v1/documents (also /api/v1/docs) |
| show REF --as-of | GET /api/v1/documents/{work} (also /api/v1/document?ref=) · /nodes/{eid-or-citation} |
| (versions) diff | GET /api/v1/documents/{work}/versions · /diff?a=&b= · /articles/{n}/history |
| instructions / verify (stored decision) | GET /api/v1/documents/{work}/effects |
| links | GET /api/v1/links?ref= · /api/v1/documents/{work}/links |
| status | GET /api/v1/status?ref= |
| search | GET /api/v1/search?q= |
| tasks · targets · units · people | GET /api/v1/tasks · /targets · /units · /people |
| events | GET /api/v1/events |
| alert · deadline · obligations | POST /api/v1/alert · GET /api/v1/deadline · GET /api/v1/obligations |
| check | GET /api/v1/check |
| ingest | POST /api/v1/ingest |
| (issues) | GET /api/v1/issues · /api/v1/issues/{id} |
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from gongbao.api import models as m
from gongbao.api.app import ApiError, engine_of
from gongbao.errors import CitationError, InputError
from gongbao.web.urls import doc_url

router = APIRouter(
    prefix="/api/v1",
    responses={400: {"model": m.ErrorResponse}, 404: {"model": m.ErrorResponse}, 422: {"model": m.ErrorResponse}},
)

AsOf = Annotated[str | None, Query(description="date YYYY-MM-DD (default today)", max_length=10)]
PageQ = Annotated[int, Query(ge=1, le=100_000, description="page, from 1")]
PerPage = Annotated[int, Query(ge=1, le=500, description="items per page")]
Ref = Annotated[str, Query(min_length=1, max_length=300, description="文号 or title")]
Article = Annotated[
    str | None,
    Query(max_length=40, description="only who cites this provision of the document (第三十二条, 第32条第一款)"),
]


def day(s: str | None, name: str = "as_of") -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise ApiError(400, "bad_date", f"not an ISO date (YYYY-MM-DD): {s!r}") from None


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def _page(items: list[Any], page: int, per_page: int) -> list[Any]:
    return items[(page - 1) * per_page : page * per_page]


def _paged(items: list[Any], page: int, per_page: int, to_json: bool = True) -> dict[str, Any]:
    """The envelope of a paged list: the page of ``items`` (as JSON when ``to_json``) and the total."""
    rows = _page(items, page, per_page)
    return {
        "schema": m.API_SCHEMA,
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "items": [r.to_json() for r in rows] if to_json else rows,
    }


# ---------------------------------------------------------------- documents


@router.get("/documents", response_model=m.DocumentList, summary="Documents on a date, with facets (CLI: docs)")
def list_documents(
    request: Request,
    as_of: AsOf = None,
    in_force: bool = False,
    kind: Annotated[str | None, Query(max_length=50)] = None,
    issuer: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    state: Annotated[str | None, Query(max_length=30)] = None,
    page: PageQ = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    from gongbao.query.catalog import catalog

    c = catalog(
        engine_of(request),
        as_of=day(as_of),
        in_force=in_force,
        kind=kind,
        issuer=issuer,
        year=year,
        state=state,
        page=page,
        per_page=per_page,
    )
    return {
        "schema": m.API_SCHEMA,
        "as_of": c.as_of.isoformat(),
        "page": c.page,
        "per_page": c.per_page,
        "total": c.total,
        "items": [{**e.to_json(), "url": doc_url(e.ref, as_of=as_of)} for e in c.items],
        "facets": {k: [{"value": v, "count": n} for v, n in vs] for k, vs in c.facets.items()},
    }


@router.get("/docs", response_model=m.DocumentList, summary="Alias of /documents", include_in_schema=False)
def list_documents_alias(
    request: Request,
    as_of: AsOf = None,
    in_force: bool = False,
    kind: str | None = None,
    page: PageQ = 1,
    per_page: PerPage = 50,
) -> dict[str, Any]:
    return list_documents(request, as_of=as_of, in_force=in_force, kind=kind, page=page, per_page=per_page)


def _view(request: Request, work: str, as_of: str | None) -> dict[str, Any]:
    from gongbao.query.versions import point_in_time

    pit = point_in_time(engine_of(request), work, day(as_of))
    return {"schema": m.API_SCHEMA, **pit.to_json(), "url": doc_url(pit.document.ref, as_of=as_of)}


@router.get(
    "/documents/{work}",
    response_model=m.DocumentView,
    summary="A document as of a date: the version valid then (consolidated where stored) and its banner (CLI: show --as-of)",
)
def get_document(request: Request, work: str, as_of: AsOf = None) -> dict[str, Any]:
    return _view(request, work, as_of)


@router.get("/document", response_model=m.DocumentView, summary="Same as /documents/{work}, by ?ref=")
def get_document_by_ref(request: Request, ref: Ref, as_of: AsOf = None) -> dict[str, Any]:
    return _view(request, ref, as_of)


@router.get(
    "/documents/{work}/nodes/{node}",
    response_model=m.NodeView,
    summary="One article, paragraph or item by eId or citation (第二十九条第（三）项), with how to cite it",
)
def get_node(request: Request, work: str, node: str, as_of: AsOf = None) -> dict[str, Any]:
    from gongbao.query.nodes import find_node
    from gongbao.query.versions import point_in_time

    pit = point_in_time(engine_of(request), work, day(as_of))
    n = find_node(pit.tree, node)
    if n is None:
        raise CitationError(f"{pit.document.ref} has no node {node!r}")
    title = pit.document.instrument_title or pit.document.title
    return {
        "schema": m.API_SCHEMA,
        "document": pit.document.ref,
        "title": pit.document.title,
        "as_of": pit.as_of.isoformat(),
        "node": n.to_json(),
        "citation": n.citation,
        "cite": title + (n.citation or ""),
        "url": doc_url(pit.document.ref, n.eid),
    }


@router.get("/documents/{work}/versions", response_model=m.Timeline, summary="The version timeline of a work")
def get_versions(request: Request, work: str) -> dict[str, Any]:
    from gongbao.query.versions import timeline

    row, found = timeline(engine_of(request), work)
    return {
        "schema": m.API_SCHEMA,
        "work": row.ref if row else work,
        "document": row.to_json() if row else None,
        "versions": [v.to_json() for v in found],
    }


@router.get("/documents/{work}/diff", response_model=m.DiffResponse, summary="Two versions side by side (CLI: diff)")
def get_diff(
    request: Request,
    work: str,
    a: Annotated[int | None, Query(description="older version id (default: the one before b)")] = None,
    b: Annotated[int | None, Query(description="newer version id (default: the latest)")] = None,
) -> dict[str, Any]:
    va, vb, rows = _diff(request, work, a, b)
    return {
        "schema": m.API_SCHEMA,
        "work": va.work,
        "a": va.to_json(),
        "b": vb.to_json(),
        "rows": [r.to_json() for r in rows],
    }


def _diff(request: Request, work: str, a: int | None, b: int | None) -> Any:
    from gongbao.query.versions import diff, timeline

    _, found = timeline(engine_of(request), work)
    ids = [v.id for v in found]
    if len(ids) < 2 and (a is None or b is None):
        raise CitationError(f"{work} has fewer than two stored versions")
    if b is None:
        b = ids[-1]
    if a is None:
        a = ids[ids.index(b) - 1] if b in ids and ids.index(b) > 0 else ids[0]
    if a not in ids or b not in ids:
        raise CitationError(f"version {a if a not in ids else b} is not a version of {work}")
    return diff(engine_of(request), work, a, b)


@router.get(
    "/documents/{work}/articles/{article}/history",
    response_model=m.ArticleHistory,
    summary="Which instruction of which decision changed an article, and when",
)
def get_article_history(request: Request, work: str, article: Annotated[int, Path(ge=1, le=10_000)]) -> dict[str, Any]:
    from gongbao.query.versions import article_history

    changes = article_history(engine_of(request), work, article)
    return {"schema": m.API_SCHEMA, "work": work, "article": article, "changes": [c.to_json() for c in changes]}


@router.get(
    "/documents/{work}/effects",
    response_model=m.EffectsResponse,
    summary="A decision's instructions, targets, applied/verified/differs (CLI: effects)",
)
def get_effects(request: Request, work: str) -> dict[str, Any]:
    from gongbao.query.effects import effects

    ef = effects(engine_of(request), work)
    out = ef.to_json()
    before = ef.effective
    for e, j in zip(ef.effects, out["effects"], strict=True):
        j["target_url"] = effect_target_url(e, before, {w.work: w.doc_number for w in ef.works})
    return {"schema": m.API_SCHEMA, **out}


def effect_target_url(e: Any, effective: date | None, numbers: dict[str, str | None]) -> str | None:
    """Where an instruction's target is: the provision in the text valid the day before."""
    from datetime import timedelta

    if not e.work:
        return None
    as_of = (effective - timedelta(days=1)) if effective else None
    if e.action == "repeal_regulation":
        return doc_url(numbers.get(e.work) or e.work)
    node = e.target if e.target != "全文" else None
    return doc_url(e.work, node, as_of=as_of)


@router.get("/documents/{work}/links", response_model=m.LinksResponse, summary="Relations of a document (CLI: links)")
def get_document_links(request: Request, work: str, article: Article = None) -> dict[str, Any]:
    from gongbao.query.links import links

    return {"schema": m.API_SCHEMA, "links": links(engine_of(request), work, article).to_json()}


@router.get("/links", response_model=m.LinksResponse, summary="Relations of a document by ?ref= (CLI: links)")
def get_links(request: Request, ref: Ref, article: Article = None) -> dict[str, Any]:
    return get_document_links(request, ref, article)


@router.get("/status", response_model=m.StatusResponse, summary="Status on a date (CLI: status)")
def get_status(request: Request, ref: Ref, as_of: AsOf = None) -> dict[str, Any]:
    from gongbao.query.status import status

    return {"schema": m.API_SCHEMA, "status": status(engine_of(request), ref, day(as_of)).to_json()}


# ---------------------------------------------------------------- search and issues


@router.get("/search", response_model=m.SearchResponse, summary="Search to the article (CLI: search)")
def get_search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    as_of: AsOf = None,
    kind: Annotated[str | None, Query(max_length=50)] = None,
    issuer: Annotated[str | None, Query(max_length=100)] = None,
    in_force: bool = False,
    page: Annotated[int, Query(ge=1, le=50)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    # the whole answer is kept by the app's _Kept layer: the results need not be kept again
    hits, total, facets = run_search(request, q, day(as_of), kind, issuer, in_force, page, per_page, keep=False)
    return {
        "schema": m.API_SCHEMA,
        "query": q,
        "as_of": (day(as_of) or date.today()).isoformat(),
        "page": page,
        "per_page": per_page,
        "total": total,
        "hits": [{**h.to_json(), "url": doc_url(h.document, h.eid)} for h in hits],
        "facets": {k: [{"value": v, "count": n} for v, n in vs] for k, vs in facets.items()},
    }


#: Matches a search counts for its total and facets (pages beyond them are not offered).
SEARCH_WINDOW = 500


def run_search(
    request: Request,
    q: str,
    as_of: date | None,
    kind: str | None,
    issuer: str | None,
    in_force: bool,
    page: int,
    per_page: int,
    state: str | None = None,
    *,
    keep: bool = True,
) -> tuple[list[Any], int, dict[str, list[tuple[str, int]]]]:
    """One page of hits, the number of matches (up to ``SEARCH_WINDOW``) and facet counts over them.

    One pass (``query.search.search_page``): the filtered matches are counted and ranked in SQL
    without their text; only the page asked for is read and marked. ``keep``: keep the result per
    store generation (the web page; the API keeps its whole answer in ``app._Kept`` instead).
    """
    from collections import Counter

    from gongbao.query.search import search_page

    if not q.strip():
        raise InputError("empty search query")
    start = (page - 1) * per_page
    as_of = as_of or date.today()  # the key names the day: "today" is another question tomorrow

    def compute() -> tuple[list[Any], int, dict[str, list[tuple[str, int]]]]:
        hits, matches = search_page(
            engine_of(request),
            q,
            as_of=as_of,
            kind=kind,
            issuer=issuer,
            in_force=in_force,
            state=state,
            offset=start,
            limit=per_page,
            window=SEARCH_WINDOW,
        )
        counts = {
            "kind": Counter(k for k, _, _ in matches),
            "state": Counter(s for _, _, s in matches),
            "document": Counter(t for _, t, _ in matches),
        }
        found = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for k, c in counts.items()}
        found["document"] = found["document"][:20]
        return hits, (counts["state"][state] if state else len(matches)), found

    if not keep:
        return compute()
    key = ("search", q, as_of, kind, issuer, in_force, state, start, per_page)
    return request.app.state.search_cache.get(engine_of(request), key, compute)


@router.get("/issues", response_model=m.IssueList, summary="Ingested gazette issues")
def get_issues(request: Request, page: PageQ = 1, per_page: PerPage = 50) -> dict[str, Any]:
    from gongbao.query.catalog import list_issues

    found = list_issues(engine_of(request))
    return _paged(found, page, per_page)


@router.get("/issues/{issue_id}", response_model=m.IssueResponse, summary="One issue with its table of contents")
def get_issue(request: Request, issue_id: int) -> dict[str, Any]:
    from gongbao.query.catalog import issue_detail

    found = issue_detail(engine_of(request), issue_id) if 0 < issue_id < 2**31 else None
    if found is None:
        raise CitationError(f"no issue {issue_id}")
    return {"schema": m.API_SCHEMA, "issue": found.to_json()}


# ---------------------------------------------------------------- the administrative side


@router.get(
    "/tasks", response_model=m.TaskList, summary="Tasks by unit (aliases resolve), role and deadline (CLI: tasks)"
)
def get_tasks(
    request: Request,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    role: Annotated[str | None, Query(pattern="^(lead|cooperating|responsible)$")] = None,
    due_before: AsOf = None,
    doc: Annotated[str | None, Query(max_length=300)] = None,
    as_of: AsOf = None,
    page: PageQ = 1,
    per_page: PerPage = 100,
) -> dict[str, Any]:
    total, tasks = find_tasks(
        request, unit, role, day(due_before, "due_before"), doc, offset=(page - 1) * per_page, limit=per_page
    )
    today = day(as_of) or date.today()
    return {
        "schema": m.API_SCHEMA,
        "unit": unit,
        "role": role,
        "as_of": today.isoformat(),
        "page": page,
        "per_page": per_page,
        "total": total,
        "items": [{**t.to_json(), "overdue": bool(t.deadline and t.deadline < today)} for t in tasks],
    }


def find_tasks(
    request: Request,
    unit: str | None,
    role: str | None,
    due_before: date | None,
    doc: str | None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, list[Any]]:
    """``(how many tasks match, those from offset to offset + limit)``: only those are read."""
    from gongbao.api.services import ledger

    led = ledger(request.app.state.cache, engine_of(request))
    result: tuple[int, list[Any]] = led.find(
        unit=unit, role=role, due_before=due_before, doc=doc, offset=offset, limit=limit
    )
    return result


@router.get("/targets", response_model=m.TargetList, summary="Quantitative targets (CLI: targets)")
def get_targets(
    request: Request,
    unit: Annotated[str | None, Query(max_length=100)] = None,
    due_before: AsOf = None,
    goals: bool = False,
    page: PageQ = 1,
    per_page: PerPage = 100,
) -> dict[str, Any]:
    from gongbao.api.services import ledger
    from gongbao.query.ledger import select_targets, targets_json

    led = ledger(request.app.state.cache, engine_of(request))
    items = targets_json(select_targets(led, due_before=day(due_before, "due_before"), unit=unit, goals=goals))[
        "targets"
    ]
    return _paged(items, page, per_page, to_json=False)


@router.get("/units", response_model=m.UnitList, summary="Units with aliases and task counts (CLI: units)")
def get_units(request: Request, page: PageQ = 1, per_page: PerPage = 200) -> dict[str, Any]:
    from gongbao.api.services import ledger
    from gongbao.query.ledger import unit_counts

    counts = unit_counts(ledger(request.app.state.cache, engine_of(request)))
    return _paged(counts, page, per_page)


@router.get(
    "/people", response_model=m.PeopleResponse, summary="Appointments and who holds a post on a date (CLI: people)"
)
def get_people(
    request: Request,
    post: Annotated[str | None, Query(max_length=100)] = None,
    person: Annotated[str | None, Query(max_length=50)] = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    records, holders = find_people(request, post, person, day(as_of))
    return {
        "schema": m.API_SCHEMA,
        "as_of": as_of,
        "records": [r.to_json() for r in records],
        "holders": [h.to_json() for h in holders] if holders is not None else None,
    }


@router.get("/events", response_model=m.EventList, summary="Chronicle events (大事记) by date (CLI: events)")
def get_events(
    request: Request,
    from_: Annotated[str | None, Query(alias="from", max_length=10, description="on or after YYYY-MM-DD")] = None,
    to: Annotated[str | None, Query(max_length=10, description="on or before YYYY-MM-DD")] = None,
    text: Annotated[str | None, Query(max_length=50, description="words the event's text holds")] = None,
    page: PageQ = 1,
    per_page: PerPage = 200,
) -> dict[str, Any]:
    from gongbao.api.services import events
    from gongbao.query.events import find_events

    rows = find_events(
        events(request.app.state.cache, engine_of(request)), since=day(from_, "from"), until=day(to, "to"), words=text
    )
    return _paged(rows, page, per_page)


def find_people(
    request: Request, post: str | None, person: str | None, as_of: date | None
) -> tuple[list[Any], list[Any] | None]:
    from gongbao.api.services import people
    from gongbao.query.people import find_people as find

    return find(people(request.app.state.cache, engine_of(request)), post=post, person=person, as_of=as_of)


@router.get("/rules", response_model=m.RulesResponse, summary="The pollution plan's rules, each with its provision")
def get_rules(request: Request) -> dict[str, Any]:
    from gongbao.api.services import plan_provisions

    plan, links, _ = plan_provisions(request.app.state.cache, engine_of(request))
    return {
        "schema": m.API_SCHEMA,
        "plan": plan,
        "provisions": [
            {"key": p.key, "citation": p.citation, "eid": p.eid, "summary": p.summary, "url": doc_url(plan, p.eid)}
            for p in links
        ],
    }


@router.post(
    "/alert",
    response_model=m.AlertResponse,
    summary="Run the warning rules over an hourly series (CSV body: time + aqi24 or pollutants) (CLI: alert)",
    openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def post_alert(request: Request) -> dict[str, Any]:
    from gongbao.api.services import MAX_SERIES_BYTES, alert

    body = await read_limited(request, MAX_SERIES_BYTES)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the series is not UTF-8 text") from None
    result, _ = await run_in_threadpool(alert, request.app.state.cache, engine_of(request), text)
    out: dict[str, Any] = result.to_json()
    return out


@router.get("/deadline", response_model=m.DeadlineResponse, summary="When a statutory time limit ends (CLI: deadline)")
def get_deadline(
    start: Annotated[str, Query(alias="from", max_length=16, description="YYYY-MM-DD or YYYY-MM-DDTHH:MM")],
    limit: Annotated[str, Query(max_length=30, description="as printed: 5个工作日, 十五日, 2个月")],
    before: bool = False,
) -> dict[str, Any]:
    from gongbao.rules.calendar import default_calendar
    from gongbao.rules.deadline import compute_deadline

    try:
        out: dict[str, Any] = compute_deadline(start, limit, before=before, calendar=default_calendar()).to_json()
    except (ValueError, OverflowError) as e:
        raise InputError(f"cannot compute this deadline: {e}") from None
    return out


@router.get(
    "/obligations", response_model=m.ObligationList, summary="Time limits set by a stored document (CLI: obligations)"
)
def get_obligations(
    request: Request,
    doc: Ref,
    actor: Annotated[str | None, Query(max_length=50)] = None,
    page: PageQ = 1,
    per_page: PerPage = 100,
) -> dict[str, Any]:
    from gongbao.api.services import obligations

    limits = obligations(engine_of(request), doc)
    if actor:
        limits = [t for t in limits if t.actor and actor in t.actor]
    return _paged(limits, page, per_page)


@router.get("/check", response_model=m.CheckResponse, summary="Verify the store (CLI: check)")
def get_check(request: Request) -> dict[str, Any]:
    from gongbao.store.check import check_store

    out: dict[str, Any] = {"schema": "gongbao.check/1", **check_store(engine_of(request)).to_json()}
    return out


# ---------------------------------------------------------------- writes


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            n = int(declared)
        except ValueError:
            raise ApiError(400, "bad_request", "Content-Length is not a number") from None
        if n > limit:
            raise ApiError(413, "too_large", f"body of {n} bytes exceeds the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def multipart_fields(content_type: str, body: bytes) -> dict[str, tuple[bytes, str | None]]:
    """The parts of a multipart/form-data body by field name: ``{name: (bytes, filename)}``
    (stdlib ``email`` parser; no extra dependency)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    msg = BytesParser(policy=HTTP).parsebytes(head + body)
    if not msg.is_multipart():
        raise InputError("malformed multipart body")
    out: dict[str, tuple[bytes, str | None]] = {}
    for i, part in enumerate(msg.iter_parts()):
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        name = part.get_param("name", header="content-disposition")
        key = name if isinstance(name, str) and name else f"part{i}"
        filename = part.get_filename()
        if filename is not None or key not in out:
            out[key] = (payload, filename)
    return out


def _multipart_file(content_type: str, body: bytes) -> tuple[bytes, str | None]:
    """The first file part of a multipart/form-data body (else the first part): ``(bytes, filename)``."""
    parts = multipart_fields(content_type, body)
    for payload, filename in parts.values():
        if filename is not None:
            return payload, filename
    if not parts:
        raise InputError("the multipart body has no file part")
    return next(iter(parts.values()))


@router.post(
    "/ingest",
    status_code=201,
    response_model=m.IngestResponse,
    summary="Store a gazette: raw body or multipart/form-data (needs the bearer token)",
    responses={
        200: {"model": m.IngestResponse, "description": "already stored: identified, not stored again"},
        401: {"model": m.ErrorResponse},
        403: {"model": m.ErrorResponse},
        413: {"model": m.ErrorResponse},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                },
            },
        }
    },
)
async def post_ingest(
    request: Request,
    filename: Annotated[str, Query(max_length=300)] = "upload.txt",
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    from gongbao.api.services import ingest_bytes

    require_token(request.app.state.token, authorization)
    body = await read_limited(request, request.app.state.max_upload)
    ctype = request.headers.get("content-type", "")
    if ctype.lower().startswith("multipart/form-data"):
        body, name = _multipart_file(ctype, body)
        filename = name or filename
    if not body.strip():
        raise ApiError(400, "empty", "request body is empty: send the gazette file as the body or as a multipart file")
    outcome = await run_in_threadpool(ingest_bytes, engine_of(request), body, filename)
    payload = {
        "schema": m.API_SCHEMA,
        "created": outcome.created,
        "ingested": outcome.ingested,
        "consolidated": outcome.consolidated,
    }
    return JSONResponse(payload, status_code=201 if outcome.created else 200)


def require_token(token: str | None, authorization: str | None) -> None:
    if not token:
        raise ApiError(403, "writes_disabled", "this server was started without a token: writes are disabled")
    given = (authorization or "").removeprefix("Bearer ").strip()
    # compare bytes: a non-ASCII token must be refused, not crash compare_digest
    if not given or not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8")):
        raise ApiError(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required")
