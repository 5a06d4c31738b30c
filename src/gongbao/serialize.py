"""JSON forms of the model: schema ``gongbao.parse/1`` (see docs/json.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongbao.model import SCHEMA_PARSE, Document, Issue, warning_json


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def document_to_json(doc: Document, *, with_body: bool = True) -> dict[str, Any]:
    """One document of ``gongbao.parse/1``."""
    out: dict[str, Any] = {
        "toc_index": doc.toc_index,
        "doc_number": doc.doc_number,
        "issuer": doc.issuer,
        "issuers": doc.issuers,
        "kind": doc.kind,
        "title": doc.title,
        "instrument_title": doc.instrument_title,
        "instrument_kind": doc.instrument_kind,
        "recipients": doc.recipients,
        "signed_date": _d(doc.signed_date),
        "effective_date": _d(doc.effective_date),
        "expiry_date": _d(doc.expiry_date),
        "passed_date": _d(doc.passed_date),
        "approved_date": _d(doc.approved_date),
        "published_date": _d(doc.published_date),
        "repeals": [r.to_json() for r in doc.repeals],
        "extends": [r.to_json() for r in doc.extends],
        "legal_basis": [r.to_json() for r in doc.legal_basis],
        "amends": [r.to_json() for r in doc.amends],
        "cites": [r.to_json() for r in doc.cites],
        "forwards": [r.to_json() for r in doc.forwards],
        "attachments": [a.to_json() for a in doc.attachments],
        "fragments": [f.to_json() for f in doc.fragments],
        "counts": doc.counts,
        "history": [h.to_json() for h in doc.history],
        "republished_by": doc.parent,
    }
    if doc.signers:  # only when post holders sign (a 令: 部长　肖捷; a joint 令: one line a body)
        out["signers"] = [{"post": post, "name": name} for post, name in doc.signers]
    out |= {
        "text": doc.text,
        "spans": [s.to_json() for s in doc.spans()],
    }
    if with_body:
        body = None
        if doc.body is not None:
            try:
                from gongbao.export.tree_json import node_to_json

                body = node_to_json(doc.body)
            except ImportError:  # pragma: no cover - export package not built yet
                body = None
        out["body"] = body
    return out


def issue_to_json(issue: Issue, *, with_body: bool = True, with_changes: bool = False) -> dict[str, Any]:
    """The whole parse result, schema ``gongbao.parse/1``."""
    return {
        "schema": SCHEMA_PARSE,
        "source": {"path": issue.path, "sha256": issue.sha256, "chars": len(issue.source), "text": issue.source},
        "issue": issue.masthead.to_json(),
        "toc": [e.to_json() for e in issue.toc],
        "documents": [document_to_json(d, with_body=with_body) for d in issue.documents],
        "appointments": [a.to_json() for a in issue.appointments],
        "events": [e.to_json() for e in issue.events],
        "residue": [r.to_json() for r in issue.residue],
        "normalization": _changes(issue, with_changes),
        "warnings": [warning_json(w) for w in issue.warnings],
    }


def _changes(issue: Issue, full: bool) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for c in issue.changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    out: dict[str, Any] = {"counts": counts}
    if full:
        out["changes"] = [
            {"kind": c.kind, "start": c.start, "end": c.end, "before": c.before, "after": c.after}
            for c in issue.changes
        ]
    return out
