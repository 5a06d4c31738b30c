"""What a document refers to and what refers to it: ``links(engine, ref) -> Links``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongbao.errors import CitationError
from gongbao.grammar.pinpoints import PINPOINTS, covers, provisions
from gongbao.query.reader import Row, reading
from gongbao.query.refs import find_document

__all__ = ["Link", "Links", "links"]


@dataclass(frozen=True, slots=True)
class Link:
    """One relation seen from the document asked about."""

    kind: str  # promulgates, amends, repeals, partially_repeals, supersedes, extends, basis, cites
    other: str  # the other document: its ref when stored, else the reference as printed
    other_title: str | None
    resolved: bool  # the other document is in the store
    source_eid: str | None  # where the citing document makes the reference
    since: str | None
    # the part a partial repeal names; the provisions a citation or basis names (第三十二条第一款、第十条)
    scope: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.other,
            "title": self.other_title,
            "resolved": self.resolved,
            "source_eid": self.source_eid,
            "since": self.since,
            "scope": self.scope,
        }


@dataclass(frozen=True, slots=True)
class Links:
    ref: str
    stored: bool
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    article: str | None = None  # only what cites or rests on this provision of ``ref`` (--article)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ref": self.ref,
            "stored": self.stored,
            "outgoing": [x.to_json() for x in self.outgoing],
            "incoming": [x.to_json() for x in self.incoming],
        }
        if self.article:
            out["article"] = self.article
        return out


def provision(text: str) -> str:
    """``text`` (第三十二条, 第32条第一款) in the normal form scopes print; ``CitationError`` when it
    names no provision."""
    m = PINPOINTS.fullmatch(text.strip())
    found = provisions(m.group("list")) if m else []
    if len(found) != 1 or "至" in found[0]:
        raise CitationError(f"{text!r} is not one provision (第三十二条, 第三十二条第一款, 第32条)")
    return found[0]


def links(store: Any, ref: str, article: str | None = None, *, article_rows: bool = False) -> Links:
    """Relations from and to ``ref``; raises ``CitationError`` when it is neither stored nor referenced.

    ``store``: an SQLAlchemy engine, an ``sqlite3`` connection (``open_reader``) or a ``Reader``.
    ``article`` (第三十二条): only the documents that cite ``ref`` or rest on it naming that
    provision (a citation of the whole article covers its paragraphs, and a range what lies in
    it), each with where it does (``source_eid``: one link a citing place); nothing outgoing.
    Without ``article``, the places one document cites another are one link (``article_rows``:
    keep them apart).
    """
    if article is not None:
        wanted = provision(article)
        ln = links(store, ref, article_rows=True)
        incoming = list(ln.incoming)
        # a national law is cited with and without the state's name (《消费者权益保护法》第五十六条,
        # 《中华人民共和国消费者权益保护法》第五十六条): one law, asked by either name
        state = "中华人民共和国"
        other = ref[len(state) :] if ref.startswith(state) else state + ref
        if len(other) > 2 and other != ref:
            try:
                incoming += [x for x in links(store, other, article_rows=True).incoming if x not in incoming]
            except CitationError:
                pass
        hits = [x for x in incoming if x.kind in ("cites", "basis") and covers(x.scope, wanted)]
        return Links(ln.ref, ln.stored, [], hits, wanted)
    with reading(store) as db:
        doc, inc = find_document(db, ref)
        out_rows: list[Row] = []
        if doc is not None:
            out_rows = db.rows(
                "SELECT r.*, t.ref AS target_ref, t.title AS target_ref_title FROM relations r "
                "LEFT JOIN documents t ON t.id = r.target_document_id WHERE r.source_document_id = :id ORDER BY r.id",
                {"id": doc.id},
            )
    if doc is None and not inc:
        raise CitationError(f"{ref} is neither in the store nor referenced by a stored document")
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    outgoing = [
        Link(
            r.kind,
            r.target_ref or r.target_doc_number or r.target_title or "",
            r.target_ref_title or r.target_title,
            r.target_ref is not None,
            r.source_eid,
            iso(r.since),
            r.get("scope"),
        )
        for r in out_rows
    ]
    incoming = [
        Link(r.kind, r.source_ref, r.source_title, True, r.source_eid, iso(r.since), r.get("scope")) for r in inc
    ]
    if doc is not None:
        # an order and the instrument it promulgates, printed under it (documents.parent): the
        # order's only act, a link both ways (令第723号 -> 外商投资法实施条例)
        with reading(store) as db:
            for r in db.rows(
                "SELECT ref, title, valid_from FROM documents WHERE parent = :ref AND id <> :id ORDER BY id",
                {"ref": doc.ref, "id": doc.id},
            ):
                outgoing.insert(0, Link("promulgates", r.ref, r.title, True, None, iso(r.valid_from)))
            parent = doc.get("parent")
            if parent and parent != doc.ref:
                by = db.rows("SELECT ref, title FROM documents WHERE ref = :ref ORDER BY id LIMIT 1", {"ref": parent})
                incoming.insert(
                    0,
                    Link(
                        "promulgates", parent, by[0].title if by else None, bool(by), None, iso(doc.get("valid_from"))
                    ),
                )
    return Links(
        doc.ref if doc is not None else ref,
        doc is not None,
        _without_mere_citations(_one_per_document(outgoing)),
        incoming if article_rows else _one_per_document(incoming),
    )


def _one_per_document(links: list[Link]) -> list[Link]:
    """The store keeps a ``cites`` relation per place a document cites provisions of another
    (who cites article N, and where); a reader of all relations sees one per pair of documents:
    the provisions of every place joined, where the first is."""
    out: list[Link] = []
    at: dict[tuple[str, str], int] = {}
    for x in links:
        key = (x.kind, x.other)
        if x.kind != "cites" or key not in at:
            if x.kind == "cites":
                at[key] = len(out)
            out.append(x)
            continue
        first = out[at[key]]
        have = first.scope.split("、") if first.scope else []
        have += [p for p in (x.scope.split("、") if x.scope else []) if p not in have]
        out[at[key]] = Link(
            first.kind,
            first.other,
            first.other_title,
            first.resolved,
            first.source_eid,
            first.since,
            "、".join(have) or None,
        )
    return out


def _without_mere_citations(links: list[Link]) -> list[Link]:
    """``links`` without a ``cites`` of a document another link already names: a decision that
    amends 《聊城市燃气管理办法》 names it in every instruction, and that is its amendment, not a
    citation besides (the relation stays in the store; ``links`` lists what a reader asks). A
    citation of provisions of a basis is kept (the basis names the whole instrument)."""
    named = {n for x in links if x.kind not in ("cites", "basis") for n in (x.other, x.other_title) if n}
    basis = {n for x in links if x.kind == "basis" for n in (x.other, x.other_title) if n}
    # a citation naming provisions of its basis (《X》第五十六条 after 根据《X》…制定本办法) is kept
    return [
        x for x in links if x.kind != "cites" or not ({x.other, x.other_title} & (named if x.scope else named | basis))
    ]
