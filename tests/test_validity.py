"""Terms of validity of real normative documents (规范性文件) and "which are in force on a date".

Texts: ``tests/data/documents/validity/*.txt`` (single documents) and
``tests/data/gazettes/shanghai-2022-validity-layout.txt`` (four arranged in a city gazette issue);
locators in the folders' READMEs. ``validity.truth.json`` was written by reading them, before
gongbao ran: each document's signed, effective and expiry dates, what it repeals or extends and
until when, its status on dates around each boundary, and the documents in force on four dates.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from gongbao.extract.metadata import find_effective, find_expiry
from gongbao.model import Document
from gongbao.pipeline import parse_path
from gongbao.query.docs import list_documents
from gongbao.query.status import decide, status
from gongbao.store import ingest_issue

DATA = Path(__file__).resolve().parent / "data"
TRUTH = json.loads((DATA / "documents" / "validity" / "validity.truth.json").read_text(encoding="utf-8"))
DOCS = TRUTH["documents"]
FILES = sorted({d["file"] for d in DOCS})


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _parsed() -> dict[str, Document]:
    out: dict[str, Document] = {}
    for f in FILES:
        for doc in parse_path(DATA / f).documents:
            out[doc.doc_number or doc.title] = doc
    return out


PARSED = _parsed()


@pytest.mark.parametrize("want", DOCS, ids=[d["doc_number"] for d in DOCS])
def test_dates_read_as_printed(want):
    doc = PARSED[want["doc_number"]]
    assert _iso(doc.signed_date) == want["signed"]
    # no printed effective date: in force from the signed date (the store's valid_from)
    assert _iso(doc.effective_date) == want["effective"]
    assert _iso(doc.expiry_date) == want["expiry"]
    if "issuers" in want:
        assert doc.issuers == want["issuers"]


@pytest.mark.parametrize("want", DOCS, ids=[d["doc_number"] for d in DOCS])
def test_repeals_and_extensions(want):
    doc = PARSED[want["doc_number"]]
    assert [r.doc_number for r in doc.repeals] == [r["doc_number"] for r in want["repeals"]]
    got = [(r.doc_number, r.until) for r in doc.extends]
    assert got == [(e["doc_number"], e["to"] and date.fromisoformat(e["to"])) for e in want.get("extends", [])]
    for r, e in zip(doc.extends, want.get("extends", []), strict=True):
        assert r.relation == "extends"
        assert "".join(r.title.split()).replace("（", "(").replace("）", ")") == e["title"].replace("（", "(").replace(
            "）", ")"
        )


def _status_cases() -> list[object]:
    rows = []
    for d in DOCS:
        for day, state in d["status"].items():
            rows.append(pytest.param(d["doc_number"], day, state, id=f"{d['doc_number']}@{day}"))
        for ref, days in d.get("target_status", {}).items():
            for day, state in days.items():
                rows.append(pytest.param(ref, day, state, id=f"{ref}@{day}"))
    return rows


@pytest.fixture
def validity_store(store):
    for f in FILES:
        ingest_issue(store, parse_path(DATA / f))
    return store


def test_status_and_in_force_lists(validity_store):
    """Every (document, date) of the truth, and the documents in force on four dates — one store."""
    wrong = []
    for case in _status_cases():
        ref, day, want = case.values  # type: ignore[attr-defined]
        st = status(validity_store, ref, date.fromisoformat(day))
        got = "in_force" if st.state == "amended" else st.state
        if got != want:
            wrong.append(f"{ref}@{day}: {st.describe()} (want {want})")
    for day, want in TRUTH["in_force_sets"].items():
        got = {d.ref for d in list_documents(validity_store, as_of=date.fromisoformat(day), in_force=True)}
        if got != set(want):
            wrong.append(f"in force on {day}: missing {sorted(set(want) - got)}, extra {sorted(got - set(want))}")
    assert not wrong, "\n".join(wrong)


def test_extension_is_named_in_status(validity_store):
    st = status(validity_store, "浦科经委规〔2023〕5号", date(2026, 12, 4))
    assert st.state == "expired" and not st.stored
    assert st.extended_by == "浦科经委规〔2024〕11号" and st.expiry_date == date(2026, 12, 3)
    assert "extended to 2026-12-03 by 浦科经委规〔2024〕11号" in st.describe()
    assert st.to_json()["extended_by"] == "浦科经委规〔2024〕11号"
    # before the extension was signed nothing is known of its term
    assert status(validity_store, "浦科经委规〔2023〕5号", date(2024, 12, 26)).state == "unknown"
    # 《X》（文号）继续适用, no date: in force from the notice on, no end
    cont = status(validity_store, "沪规划资源规〔2020〕15号", date(2030, 1, 1))
    assert cont.state == "in_force" and cont.expiry_date is None
    assert "continued with no end date by 沪规划资源用〔2025〕457号" in cont.describe()


def test_extension_of_a_stored_document_wins_over_its_printed_term():
    """A stored X printed 有效期至2026年10月31日; a later notice extends it to 2026年11月1日."""
    doc = SimpleNamespace(ref="X", title="X", kind="规定", valid_from=date(2024, 11, 1), expiry_date=date(2026, 10, 31))
    ext = SimpleNamespace(kind="extends", since=date(2026, 10, 20), effective=date(2026, 11, 1), source_ref="E")
    assert decide("X", date(2026, 11, 1), doc, [ext], []).state == "in_force"
    assert decide("X", date(2026, 11, 2), doc, [ext], []).state == "expired"
    # the extension is not yet signed on 2026-10-15: the printed term holds, the extension is pending
    early = decide("X", date(2026, 10, 15), doc, [ext], [])
    assert early.state == "in_force" and early.expiry_date == date(2026, 10, 31)
    assert [(c.by, c.kind) for c in early.pending] == [("E", "extends")]


def test_relative_start_and_chinese_numerals():
    signed = date(2019, 3, 1)
    # 合肥市政府购买居家养老服务实施方案, 八、2 (see grammar/data/validity.json)
    para = ["2．本方案自印发之日起满30日后施行，有效期5年。"]
    eff = find_effective(para, signed)
    assert eff == date(2019, 3, 31)
    assert find_expiry(para, eff) == date(2024, 3, 30)
    assert find_expiry(["本规定自2024年11月1日起实施，有效期二年。"], date(2024, 11, 1)) == date(2026, 10, 31)


def test_a_permits_term_is_not_the_documents():
    # 国务院关于修改和废止部分行政法规的决定 (2024), tests/data/amend/triples/sc2024b-decision.txt,
    # without the opening quote of the amended text
    para = [
        "《放射性药品使用许可证》有效期为5年，期满前6个月，医疗单位应当向原发证的行政部门重新提出申请，经审核批准后，换发新证。"
    ]
    assert find_expiry(para, date(2020, 1, 1)) is None


def test_status_docs_and_search_agree_on_an_extended_stored_document(store):
    """A stored 宝规划资源〔2024〕2号 (有效期至2026年9月9日) given an ``extends`` row as an extension
    notice would store it (no real text of such an extension of a stored document is at hand):
    status, the in-force list and search all keep it in force to the extended day."""
    import sqlalchemy as sa

    from gongbao.query.search import search
    from gongbao.store.schema import documents, relations

    for f in (
        "documents/validity/baoshan-baoguihuaziyuan-2024-2.txt",
        "documents/validity/shanghai-hucaifa-2023-3.txt",
    ):
        ingest_issue(store, parse_path(DATA / f))
    with store.begin() as conn:
        ids = dict(conn.execute(sa.select(documents.c.ref, documents.c.id)).all())
        work = conn.execute(
            sa.select(documents.c.work_key).where(documents.c.ref == "宝规划资源〔2024〕2号")
        ).scalar_one()
        conn.execute(
            relations.insert().values(
                kind="extends",
                source_document_id=ids["沪财发〔2023〕3号"],
                target_doc_number="宝规划资源〔2024〕2号",
                target_document_id=ids["宝规划资源〔2024〕2号"],
                target_work_key=work,
                since=date(2026, 9, 20),
                effective=date(2027, 3, 31),
            )
        )
    for day, want in ((date(2026, 10, 1), True), (date(2027, 3, 31), True), (date(2027, 4, 1), False)):
        st = status(store, "宝规划资源〔2024〕2号", day)
        assert st.in_force is want, st.describe()
        listed = {d.ref for d in list_documents(store, as_of=day, in_force=True)}
        assert ("宝规划资源〔2024〕2号" in listed) is want
        hits = search(store, "社区规划师", as_of=day, in_force=True)
        assert bool(hits) is want
    # between the printed end and the extension's signing (2026-09-20) it had lapsed: expired everywhere
    assert status(store, "宝规划资源〔2024〕2号", date(2026, 9, 10)).state == "expired"
    assert not search(store, "社区规划师", as_of=date(2026, 9, 10), in_force=True)
