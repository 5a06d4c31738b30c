"""Typed response models of the REST API (pydantic): what ``/openapi.json`` documents.

Every response carries ``schema`` (``gongbao.api/1``). Lists are paged: ``page``, ``per_page``,
``total`` and ``items``. Errors have one shape, ``ErrorResponse``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

API_SCHEMA = "gongbao.api/1"


class _M(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Open(BaseModel):
    """A shape owned by another area (tasks, targets, rules): main fields typed, others allowed."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(_M):
    code: str = Field(description="snake_case error code: not_found, invalid, bad_date, unauthorized, too_large …")
    message: str


class ErrorResponse(_M):
    schema_: str = Field(API_SCHEMA, alias="schema")
    error: ErrorBody

    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class Envelope(_M):
    schema_: str = Field(API_SCHEMA, alias="schema")
    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class Page(Envelope):
    page: int
    per_page: int
    total: int


# ---------------------------------------------------------------- status and documents


class Change(_M):
    by: str
    since: str | None
    kind: str


class StatusModel(_M):
    ref: str
    as_of: str
    state: str = Field(description="not_yet_in_force, in_force, amended, expired, repealed, unknown")
    in_force: bool
    stored: bool
    document: str | None
    title: str | None
    kind: str | None
    valid_from: str | None
    expiry_date: str | None = Field(description="last day in force; as extended when a stored notice extends it")
    repealed_by: str | None
    repealed_since: str | None
    extended_by: str | None = Field(None, description="the document whose 有效期延长至… gives expiry_date")
    amended_by: list[Change]
    pending: list[Change]


class StatusResponse(Envelope):
    status: StatusModel


class DocumentEntry(_M):
    ref: str
    title: str
    kind: str
    issuer: str | None
    signed_date: str | None
    valid_from: str | None
    year: int | None
    status: StatusModel
    url: str


class Facet(_M):
    value: str
    count: int


class DocumentList(Page):
    as_of: str
    items: list[DocumentEntry]
    facets: dict[str, list[Facet]]


class DocumentMeta(_M):
    ref: str
    doc_number: str | None
    title: str
    kind: str
    issuer: str | None
    instrument_title: str | None
    signed_date: str | None
    effective_date: str | None
    expiry_date: str | None
    valid_from: str | None
    published_date: str | None
    parent: str | None


class NodeModel(_M):
    eid: str
    kind: str
    label: str | None
    heading: str | None
    text: str
    citation: str | None
    children: list[NodeModel]


class VersionModel(_M):
    id: int
    work: str
    made_by: str | None
    valid_from: str | None
    valid_to: str | None
    origin: str = Field(description="printed, republished or consolidated")
    document_id: int | None


class DocumentView(Envelope):
    document: DocumentMeta
    as_of: str
    status: StatusModel
    version: VersionModel | None = Field(description="the version shown; null: the printed text (no version stored)")
    exact: bool = Field(description="false when the text valid on as_of is not stored and the nearest one is shown")
    valid_from: str | None
    valid_to: str | None
    later_versions: list[VersionModel]
    versions: list[VersionModel]
    known_until: str | None = Field(description="changes known on this date (the store's last update)")
    text: str
    body: NodeModel
    url: str


class NodeView(Envelope):
    document: str
    title: str
    as_of: str
    node: NodeModel
    citation: str | None
    cite: str = Field(description="how to cite the node: title + citation")
    url: str


class Timeline(Envelope):
    work: str
    document: DocumentMeta | None
    versions: list[VersionModel]


class DiffSegment(_M):
    kind: str = Field(description="same, del or ins")
    text: str


class DiffRow(_M):
    old: int | None
    new: int | None
    status: str = Field(description="same, changed, moved, added, deleted")
    old_text: str
    new_text: str
    segments: list[DiffSegment]


class DiffResponse(Envelope):
    work: str
    a: VersionModel
    b: VersionModel
    rows: list[DiffRow]


class ArticleChangeModel(_M):
    version: VersionModel
    article: int | None
    status: str
    text: str
    instruction: str | None


class ArticleHistory(Envelope):
    work: str
    article: int
    changes: list[ArticleChangeModel]


class EffectModel(_M):
    n: int | None
    part: str | None
    work: str | None
    action: str
    target: str
    article: int | None
    new_target: str | None
    verdict: str = Field(description="match, differs, unverifiable, or unread (the instruction could not be parsed)")
    note: str | None
    raw: str
    target_url: str | None


class WorkEffectModel(_M):
    work: str
    doc_number: str | None
    stored: bool
    applied: bool
    version_id: int | None
    origin: str | None


class EffectsResponse(Envelope):
    decision: DocumentMeta
    effective: str | None
    general_clause: str | None
    works: list[WorkEffectModel]
    effects: list[EffectModel]
    counts: dict[str, int]


class LinkModel(_M):
    kind: str
    document: str
    title: str | None
    resolved: bool
    source_eid: str | None
    since: str | None
    # the part a partial repeal (kind partially_repeals) names; the provisions a cites/basis names
    scope: str | None = None


class LinksModel(_M):
    ref: str
    stored: bool
    outgoing: list[LinkModel]
    incoming: list[LinkModel]
    article: str | None = None  # ?article=: only who cites this provision (normal form)


class LinksResponse(Envelope):
    links: LinksModel


# ---------------------------------------------------------------- search, issues


class SearchHit(_M):
    document: str
    title: str
    kind: str
    eid: str
    node_kind: str
    citation: str | None
    article_eid: str | None
    snippet: str
    match: list[int]
    score: float
    state: str
    valid_from: str | None = None  # the version of its work the hit is in (its start)
    superseded: dict[str, str | None] | None = Field(
        default=None,
        description="a later consolidated version of the work is in force on the as-of date (since, by): the hit quotes the text before it",
    )
    url: str


class SearchResponse(Page):
    query: str
    as_of: str
    hits: list[SearchHit]
    facets: dict[str, list[Facet]]


class IssueModel(_M):
    id: int
    name: str
    source: str
    n_documents: int
    ingested_at: str | None
    masthead: dict[str, Any]
    toc: list[dict[str, Any]]
    documents: list[dict[str, str]]


class IssueList(Page):
    items: list[IssueModel]


class IssueResponse(Envelope):
    issue: IssueModel


# ---------------------------------------------------------------- the administrative side


class TaskModel(_Open):
    doc_number: str | None
    eid: str | None
    text: str
    lead: list[str]
    cooperating: list[str]
    responsible: list[str]
    deadline: str | None
    overdue: bool = Field(description="the deadline is before as_of")


class TaskList(Page):
    unit: str | None
    role: str | None
    as_of: str
    items: list[TaskModel]


class TargetModel(_Open):
    doc_number: str | None
    eid: str | None


class TargetList(Page):
    items: list[TargetModel]


class UnitModel(_M):
    unit: str
    aliases: list[str]
    collective: bool
    lead: int
    cooperating: int
    responsible: int
    total: int


class UnitList(Page):
    items: list[UnitModel]


class EventModel(_M):
    date: str
    end: str | None
    same_day: bool
    text: str
    source: str


class EventList(Page):
    items: list[EventModel]


class PostRecordModel(_M):
    person: str
    post: str
    action: str
    doc_number: str | None
    date: str | None
    probation_years: int | None
    probation_end: str | None
    note: str | None


class HoldingModel(_M):
    person: str
    post: str
    since: str | None
    doc_number: str | None
    probation_end: str | None
    on_probation: bool
    acting: bool = False
    until: str | None = None


class PeopleResponse(Envelope):
    as_of: str | None
    records: list[PostRecordModel]
    holders: list[HoldingModel] | None


class ProvisionModel(_M):
    key: str
    citation: str
    eid: str
    summary: str
    url: str


class RulesResponse(Envelope):
    plan: str
    provisions: list[ProvisionModel]


class AlertResponse(_Open):
    schema_: str = Field(alias="schema")
    warnings: list[dict[str, Any]]


class DeadlineResponse(_Open):
    deadline: str
    unit: str


class ObligationModel(_Open):
    document: str
    eid: str


class ObligationList(Page):
    items: list[ObligationModel]


class CheckResponse(_Open):
    ok: bool


class IngestResponse(Envelope):
    created: bool = Field(description="false: this content was already stored, nothing was stored again")
    ingested: dict[str, Any]
    consolidated: list[dict[str, Any]]


NodeModel.model_rebuild()
