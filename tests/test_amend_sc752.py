"""Blind check of the State Council's commonest amending form: one decision amending and repealing many
administrative regulations at once — 《国务院关于修改和废止部分行政法规的决定》 (国务院令第752号, 2022-03-29, in force
2022-05-01): 附件1 amends 14 regulations (一、将《X》第九条修改为… then unnumbered lines for the same regulation),
附件2 repeals 6 (一、X（history）).

Real texts (tests/data/amend/sc752-2022/, locators in its README.md): the decision, 《医疗机构管理条例》 as amended in
2016 and as republished after the decision, 《旅馆业治安管理办法》 as amended in 2020 and after, 《信访条例》 (2005);
the gazette issues are arranged from them. ``truth.json`` was written by reading the texts before gongbao ran; every
expected value here is from it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from gongbao.amend.engine import apply_decision_text
from gongbao.amend.grammar import parse_decision
from gongbao.amend.regtext import parse_regulation
from gongbao.structure.numerals import cn_to_int

DATA = Path(__file__).parent / "data" / "amend" / "sc752-2022"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
DEC = TRUTH["decision"]
TITLE = DEC["title"]


def _text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _norm(s: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", s))


def _art(label: str) -> int:
    return cn_to_int(re.match(r"第(.+?)条", label).group(1))  # type: ignore[union-attr]


def test_decision_parts_and_repeals() -> None:
    dec = parse_decision(_text("decision.txt"))
    amended = [i.regulation for i in dec.instructions if not any(o.action == "repeal_regulation" for o in i.ops)]
    assert amended == [r["title"] for r in DEC["amends"]]
    repealed = [i.regulation for i in dec.instructions if any(o.action == "repeal_regulation" for o in i.ops)]
    assert repealed == DEC["repeals"]
    assert dec.general_clause is not None and "条文序号作相应调整" in dec.general_clause
    assert dec.effective_clause is not None and "2022年5月1日" in dec.effective_clause
    # one instruction line per article it touches, for the two regulations read in full
    by_title = {i.regulation: i for i in dec.instructions}
    for key in ("medical", "hotel"):
        title = TRUTH[key]["title"]
        want = next(r["instructions"] for r in DEC["amends"] if r["title"] == title)
        touched = {o.target.article for o in by_title[title].ops if o.target.article is not None}
        touched |= {t.article for o in by_title[title].ops for t in (o.articles or [])}
        assert len(touched) == want


@pytest.mark.parametrize("key", ["medical", "hotel"])
def test_applied_equals_the_republished_text(key: str) -> None:
    base = {"medical": "medical-2016-base.txt", "hotel": "hotel-2020-base.txt"}[key]
    after = {"medical": "medical-2022-consolidated.txt", "hotel": "hotel-2022-consolidated.txt"}[key]
    t = TRUTH[key]
    assert len(parse_regulation(_text(base)).articles) == t["base_articles"]
    reg = apply_decision_text(_text(base), _text("decision.txt")).regulation
    official = parse_regulation(_text(after))
    assert len(reg.articles) == len(official.articles) == t["after_articles"]
    mine = {a.number: _norm(a.text()) for a in reg.articles}
    assert [a.number for a in official.articles if mine.get(a.number) != _norm(a.text())] == []


def test_medical_articles_before_and_after() -> None:
    t = TRUTH["medical"]["articles"]
    base = parse_regulation(_text("medical-2016-base.txt"))
    r = apply_decision_text(_text("medical-2016-base.txt"), _text("decision.txt"))
    after = {a.number: a for a in r.regulation.articles}
    before = {a.number: a for a in base.articles}
    assert _norm(before[9].text()) == _norm(t["第九条"]["before"])
    assert _norm(after[9].text()) == _norm(t["第九条"]["after"])
    assert _norm(before[14].text()) == _norm(t["第十四条"]["before"])
    assert _norm(after[14].text()) == _norm(t["第十四条"]["after"])
    a16 = after[16]
    assert [_norm(p.text) for p in a16.paragraphs] == [
        _norm(t["第十六条 (after numbering; old 第十七条)"][k])
        for k in ("para_1_after", "para_2_after_unchanged", "para_3_after")
    ]
    a43 = t["第四十三条 (after numbering; old 第四十四条)"]
    assert _norm(before[44].text()) == _norm(a43["before"])
    assert len(after[43].paragraphs) == a43["after_paragraphs"]
    # written by the decision in the new numbering: never renumbered again (第二十三条, not 第二十二条)
    assert _norm(after[43].paragraphs[0].text) == _norm(a43["after_para_1"])
    assert _norm(after[53].text()) == _norm(t["第五十三条 (after numbering; old 第五十五条, untouched)"])
    amap = {o: n for o, n in r.article_map}
    for old, new in TRUTH["medical"]["article_map_sample"].items():
        assert amap[_art(old)] == _art(new)
    assert all(amap[_art(x)] is None for x in TRUTH["medical"]["deleted_old_articles"])


def test_hotel_term_only_where_the_decision_says() -> None:
    t = TRUTH["hotel"]["articles"]
    reg = apply_decision_text(_text("hotel-2020-base.txt"), _text("decision.txt")).regulation
    a = {x.number: x for x in reg.articles}
    assert _norm(a[3].text()) == _norm(t["第三条"]["after"])
    assert _norm(a[4].paragraphs[0].text) == _norm(t["第四条第一款"]["after"])
    assert _norm(a[4].paragraphs[1].text) == _norm(t["第四条第二款"]["after"])
    assert _norm(a[15].text()) == _norm(t["第十五条 (untouched; keeps 工商行政管理部门)"])


def test_the_decision_document_amends_and_repeals_what_it_lists() -> None:
    from gongbao.pipeline import parse_path

    issue = parse_path(DATA / "gazette-2022-11.txt")
    # the 国务院令 section heading is no document
    assert [d.kind for d in issue.documents] == ["令", "决定", "行政法规"]
    dec = issue.documents[1]
    assert dec.title == TITLE and dec.effective_date == date.fromisoformat(DEC["effective"])
    assert [r.title for r in dec.amends] == [r["title"] for r in DEC["amends"]]
    assert [r.title for r in dec.repeals] == DEC["repeals"]
    assert next(r for r in dec.repeals if r.title == "信访条例").doc_number == "中华人民共和国国务院令第431号"


@pytest.mark.parametrize("order", ["forward", "reverse"])
def test_store_versions_status_and_effects(store, order: str) -> None:
    from gongbao.pipeline import parse_path
    from gongbao.query.docs import version_as_of
    from gongbao.query.effects import effects
    from gongbao.query.status import status
    from gongbao.store import ingest_issue

    files = ["gazette-2005-06.txt", "medical-2016-base.txt", "hotel-2020-base.txt", "gazette-2022-11.txt"]
    for f in files if order == "forward" else reversed(files):
        ingest_issue(store, parse_path(DATA / f))
    eff = date.fromisoformat(DEC["effective"])
    day_before = date(2022, 4, 30)
    med, hotel = TRUTH["medical"], TRUTH["hotel"]
    for work, art, t in (
        (med["title"], 9, med["articles"]["第九条"]),
        (hotel["title"], 3, hotel["articles"]["第三条"]),
    ):
        old = parse_regulation(version_as_of(store, work, day_before).text)
        new_v = version_as_of(store, work, eff)
        new = parse_regulation(new_v.text)
        assert _norm(next(a for a in old.articles if a.number == art).text()) == _norm(t["before"]), work
        assert _norm(next(a for a in new.articles if a.number == art).text()) == _norm(t["after"]), work
        assert new_v.valid_from == eff, work
    assert len(parse_regulation(version_as_of(store, med["title"], eff).text).articles) == med["after_articles"]
    # the repealed regulation: in force the day before, repealed by the decision from its 施行
    s = status(store, "信访条例", day_before)
    assert s.state == "in_force"
    s = status(store, "信访条例", eff)
    assert s.state == "repealed" and s.repealed_since == eff and s.repealed_by == TITLE
    # the history step of the republished text is the decision, listed once and from its 施行
    s = status(store, med["title"], day_before)
    assert [c.since for c in s.amended_by] == [date(2016, 2, 6)]
    s = status(store, med["title"], eff)
    assert [c.since for c in s.amended_by] == [date(2016, 2, 6), eff]
    # "what did 国务院令第752号 change": the decision printed under the order
    for ref in ("国务院令第752号", TITLE):
        ef = effects(store, ref).to_json()
        assert ef["effective"] == DEC["effective"]
        applied = {w["work"] for w in ef["works"] if w["applied"]}
        assert applied == {med["title"], hotel["title"]}
        assert {w["work"] for w in ef["works"]} >= {r["title"] for r in DEC["amends"]}


def test_verify_the_gazette_against_the_base() -> None:
    from typer.testing import CliRunner

    from gongbao.cli import app

    res = CliRunner().invoke(
        app,
        [
            "verify",
            str(DATA / "gazette-2022-11.txt"),
            "--base",
            str(DATA / "medical-2016-base.txt"),
            "--format",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    against = out["against_base"][TRUTH["medical"]["title"]]
    assert against["base_articles"] == TRUTH["medical"]["base_articles"]
    assert against["republished_articles"] == TRUTH["medical"]["after_articles"]
    assert against["differences"] == [] and against["unexplained"] == 0
