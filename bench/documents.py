"""Field accuracy of document metadata on real single documents (tests/data/documents/).

Each ``X.txt`` there is one real public document (locators in the folder's README) and
``X.gold.json`` its fields read by hand. Two modes:

- ``parse``: the file through ``gongbao parse`` as a user would feed it (segmentation
  included; when the segmenter cuts the file in several documents, the one whose title
  is nearest the gold title is scored);
- ``whole``: the file taken as one document whose head is read by ``extract.head`` — the
  metadata layer alone, without the segmenter's boundaries.

    .venv/bin/python bench/documents.py [--mode parse|whole|both] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongbao.extract.docnumber import normalize_doc_number
from gongbao.extract.head import read_head
from gongbao.extract.metadata import find_history
from gongbao.model import Document
from gongbao.normalize import normalize_lines
from gongbao.pipeline import build_document, fallback_counts, parse_path
from gongbao.segment.documents import Header, RawDocument
from gongbao.segment.patterns import squeeze
from gongbao.serialize import document_to_json

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "data" / "documents"
FIELDS = (
    "doc_number",
    "title",
    "kind",
    "issuer",
    "issuers",
    "signed_date",
    "effective_date",
    "passed_date",
    "approved_date",
    "published_date",
    "articles",
    "chapters",
    "repeals",
)


def whole_document(path: Path) -> Document:
    """The file as one document: its head read by ``extract.head.read_head``."""
    text = path.read_text(encoding="utf-8")
    lines = normalize_lines(text, [])
    paragraphs = [ln.text for ln in lines]
    head = read_head(paragraphs)
    kind = "file"
    issuer = head.issuer_line
    number = head.doc_number
    if head.order_issuer:
        kind = "order"
        issuer = head.order_issuer[:-1]
        number = f"{head.order_issuer}第{head.order_number}号" if head.order_number else None
        number = normalize_doc_number(number) or _order_number(head.order_issuer, head.order_number) or number
    elif find_history(paragraphs, head.body_start, 8) is not None and head.doc_number is None:
        kind = "republished"
    title = head.title
    header_end = head.body_start if kind != "republished" else (head.title_lines[1] if head.title_lines else 1)
    h = Header(kind, 0, header_end, number, issuer, title)
    raw = RawDocument(h, lines, header_end)
    doc = build_document(raw, None, [])
    from gongbao import structure

    try:
        doc.body = structure.parse_structure(doc.text, kind=doc.kind)
        doc.counts = structure.count_units(doc.body)
    except Exception:  # pragma: no cover - a parser bug must not stop the bench
        doc.counts = fallback_counts(doc)
    return doc


def _order_number(order_issuer: str, number: str | None) -> str | None:
    """中华人民共和国主席令 + 九届第37号 -> 中华人民共和国主席令第37号; 政府令 + 〔2010〕第15号 as printed."""
    if not number:
        return None
    import re

    m = re.search(r"第\s*(\d+)\s*号", number)
    if m and "〔" not in number:
        return f"{order_issuer}第{int(m.group(1))}号"
    return squeeze(order_issuer + number)


def _pick(docs: list[Document], title: str | None) -> Document | None:
    if not docs:
        return None
    if title is None:
        return docs[0]
    want = set(squeeze(title))
    return max(docs, key=lambda d: len(want & set(d.title or "")))


def _value(doc: Document | None, field: str) -> Any:
    if doc is None:
        return None
    j = document_to_json(doc, with_body=False)
    if field in ("articles", "chapters"):
        return doc.counts.get(field)
    if field == "repeals":
        return sorted((r["doc_number"] or "", squeeze(r["title"] or "")) for r in j["repeals"])
    v = j.get(field)
    if field == "title" and v:
        return squeeze(v)
    if field == "doc_number" and v:
        return normalize_doc_number(v) or squeeze(v)
    return v


def _want(gold: dict[str, Any], field: str) -> Any:
    v = gold[field]
    if field == "repeals":
        return sorted((r["doc_number"] or "", squeeze(r["title"] or "")) for r in v)
    if field == "title":
        return squeeze(v)
    if field == "doc_number" and v:
        return normalize_doc_number(v) or squeeze(v)
    return v


def score(mode: str) -> tuple[dict[str, list[int]], list[str]]:
    """Per field [right, checked] and the misses, over every gold document."""
    table: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    misses: list[str] = []
    for gold_path in sorted(FOLDER.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if mode == "whole":
            doc: Document | None = whole_document(path)
        else:
            doc = _pick(parse_path(path).documents, gold.get("title"))
        for f in FIELDS:
            if f not in gold and f not in ("repeals",):
                # dates and numbers the document does not print are null in the gold
                if f.endswith("_date") or f in ("doc_number",):
                    gold = {**gold, f: None}
                else:
                    continue
            if f == "repeals" and f not in gold:
                continue
            table[f][1] += 1
            got, want = _value(doc, f), _want(gold, f)
            if got == want:
                table[f][0] += 1
            else:
                misses.append(f"{mode} {path.stem}.{f}: want {want!r} got {got!r}")
    return table, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("parse", "whole", "both"), default="both")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    modes = ("parse", "whole") if args.mode == "both" else (args.mode,)
    results = {m: score(m) for m in modes}
    print(f"{'field':16}" + "".join(f"{m:>16}" for m in modes))
    for f in FIELDS:
        cells = []
        for m in modes:
            right, checked = results[m][0][f]
            cells.append(f"{right:>4}/{checked:<4} {right / checked if checked else 1:.3f}")
        print(f"{f:16}" + "".join(f"{c:>16}" for c in cells))
    for m in modes:
        right = sum(v[0] for v in results[m][0].values())
        checked = sum(v[1] for v in results[m][0].values())
        print(f"{m}: all fields {right}/{checked} = {right / checked:.3f}")
    if args.show_misses:
        for m in modes:
            for line in results[m][1]:
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
