"""The structure stage on the documents the parse pipeline produces from the sample."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from gongbao import pipeline
from gongbao.structure import count_units, display_text

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt"
GOLD = json.loads((DATA / "liaocheng-2024-11-12.parse.json").read_text(encoding="utf-8"))["documents"]
ARTICLES = json.loads((DATA / "structure" / "republished_articles.gold.json").read_text(encoding="utf-8"))[
    "regulations"
]


@pytest.fixture(scope="module")
def issue():
    return pipeline.parse_path(SAMPLE)


def _key(g: dict) -> str:
    return g.get("doc_number") or unicodedata.normalize("NFKC", g["title"])


def _doc(issue, key: str):
    doc = issue.find(key)
    if doc is None:  # titles differ only in bracket width
        doc = next(
            d for d in issue.documents if unicodedata.normalize("NFKC", d.title) == unicodedata.normalize("NFKC", key)
        )
    return doc


@pytest.mark.parametrize("g", GOLD, ids=_key)
def test_counts(issue, g: dict) -> None:
    doc = _doc(issue, _key(g))
    want = {k: g["counts"].get(k, 0) for k in ("chapters", "articles", "top_sections")}
    assert count_units(doc.body) == want


def test_every_document_tree_covers_its_text(issue) -> None:
    for doc in issue.documents:
        assert doc.body is not None and doc.body.full_text() == doc.text
        ids = [n.eid for n in doc.body.walk()][1:]
        assert len(ids) == len(set(ids))


@pytest.mark.parametrize("title", sorted(ARTICLES))
def test_republished_per_article_gold(issue, title: str) -> None:
    doc = _doc(issue, title)
    got = {}
    for art in (n for n in doc.body.walk() if n.kind == "article"):
        paras = [c for c in art.children if c.kind == "paragraph"]
        got[str(art.number)] = {
            "paragraphs": len(paras),
            "items": [sum(1 for x in p.children if x.kind == "item") for p in paras],
        }
    assert got == ARTICLES[title]


def test_item_broken_by_page_break_prints_whole(issue) -> None:
    doc = _doc(issue, "聊城市巡游出租汽车经营服务管理办法")
    node = doc.body.find("chp_5__art_31__para_1__point_5")
    assert display_text(node) == "（五）乘客人数超过车辆核定载客人数或者乘客携带物品超出车辆行李厢容积的；"


def test_text_resumed_after_a_page_jump_stays_in_its_unit(issue) -> None:
    # 聊政字〔2024〕18号 (十七) breaks off inside its unit clause (下转第9页) and resumes on
    # another page (上接第30页) with "人民政府、市属开发区管委会）"
    node = issue.find("聊政字〔2024〕18号").body.find("lvl_8__lvl_17")
    assert not node.children
    assert display_text(node).endswith("各县（市、区））人民政府、市属开发区管委会）")


def _letters(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", s) if c.isalnum())


@pytest.mark.parametrize("g", [g for g in GOLD if g.get("fragments")], ids=lambda g: g.get("doc_number") or g["title"])
def test_jump_seams_fall_inside_one_unit(issue, g: dict) -> None:
    """Every text continued on another page (上接第N页) is one unit with the text it continues."""
    from gongbao.structure import own_display

    doc = _doc(issue, _key(g))
    for frag in g["fragments"]:
        assert any(frag["seam"] in _letters(own_display(n)) for n in doc.body.walk()), frag["marker"]
