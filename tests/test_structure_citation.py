"""Citations: parse, format, resolve on the sample's regulations and plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.errors import CitationError
from gongbao.structure import display_text, parse_structure
from gongbao.structure.citation import Citation, format_citation, parse_citation, path_to, resolve

FIX = Path(__file__).parent / "data" / "structure"
INDEX = {(e["doc_number"] or e["title"]): e for e in json.loads((FIX / "fixtures.json").read_text(encoding="utf-8"))}


def tree(key: str):
    e = INDEX[key]
    return parse_structure((FIX / e["file"]).read_text(encoding="utf-8"), kind=e["kind"])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("第十五条", Citation(article=15)),
        ("第十五条第一款", Citation(article=15, paragraph=1)),
        ("第十五条第（二）项", Citation(article=15, item=2)),
        ("第十五条第一款第（二）项", Citation(article=15, paragraph=1, item=2)),
        ("第15条第1款第(2)项", Citation(article=15, paragraph=1, item=2)),
        ("第二十九条第三项", Citation(article=29, item=3)),
        ("第三章第二节", Citation(chapter=3, section=2)),
        ("第三条第二项第1目", Citation(article=3, item=2, subitem=1)),
        ("四、（四）1.（1）", Citation(outline=((1, 4), (2, 4), (3, 1), (4, 1)))),
        ("第十五条之一第二款", Citation(article=15, article_sub=1, paragraph=2)),
        ("《聊城市燃气管理办法》第十五条", Citation(article=15)),
        ("本办法第三条第二款", Citation(article=3, paragraph=2)),
    ],
)
def test_parse_citation(text: str, want: Citation) -> None:
    assert parse_citation(text) == want


@pytest.mark.parametrize("bad", ["", "十五条", "第十五款第三条", "第X条", "abc"])
def test_parse_citation_rejects(bad: str) -> None:
    with pytest.raises(CitationError):
        parse_citation(bad)


def test_str_round_trip() -> None:
    for s in ("第十五条第一款第（二）项", "第三章第二节", "第二十九条第（三）项", "第十五条之一第二款"):
        assert str(parse_citation(s)) == s


def test_resolve_and_format_on_regulation() -> None:
    root = tree("聊城市巡游出租汽车经营服务管理办法")
    node = resolve(root, "第二十九条第（三）项")
    assert node.eid == "chp_4__art_29__para_1__point_3"
    assert display_text(node) == "（三）拒载、途中甩客、故意绕道行驶、离开驾驶座位揽客；"
    assert format_citation(path_to(root, node)) == "第二十九条第（三）项"
    node = resolve(root, "第十条第三款第（二）项")
    assert node.eid == "chp_2__art_10__para_3__point_2"
    assert format_citation(path_to(root, node)) == "第十条第三款第（二）项"
    assert resolve(root, "chp_2__art_10__para_3__point_2") is node
    assert resolve(root, "第二章").eid == "chp_2"


def test_resolve_errors_name_what_is_missing() -> None:
    root = tree("聊城市燃气管理办法")
    with pytest.raises(CitationError, match="第四十七条 not found"):
        resolve(root, "第四十七条")
    with pytest.raises(CitationError, match="第三款"):
        resolve(root, "第十二条第三款")
    with pytest.raises(CitationError, match="第十八条第（十二）项 not found"):
        resolve(root, "第十八条第（十二）项")
    with pytest.raises(CitationError, match="eId"):
        resolve(root, "chp_9__art_1")


def test_resolve_outline() -> None:
    root = tree("聊政办字〔2024〕18号")
    node = resolve(root, "四、（四）4.（1）①")
    assert node.kind == "heading5" and node.heading == "公众防护措施"
    assert format_citation(path_to(root, node)) == "四、（四）4.(1)①"  # labels as printed


@pytest.mark.parametrize(
    "key",
    [
        "聊城市燃气管理办法",
        "聊城市巡游出租汽车经营服务管理办法",
        "聊政办字〔2024〕17号",
        "聊政办字〔2024〕18号",
        "聊政字〔2024〕19号",
    ],
)
def test_every_cited_unit_resolves_back(key: str) -> None:
    root = tree(key)
    cited = 0
    for node in root.walk():
        if node.kind not in (
            "article",
            "paragraph",
            "item",
            "subitem",
            "chapter",
            "section",
        ) and not node.kind.startswith("heading"):
            continue
        path = path_to(root, node)
        if node.kind == "paragraph" and path[-2].kind not in ("article",) and not path[-2].kind.startswith("heading"):
            continue  # cover and preamble text is not cited
        cite = format_citation(path)
        assert cite is not None, node.eid
        target = resolve(root, cite)
        # a single-paragraph article's 款 is cited as the article itself
        assert target is node or (node.kind == "paragraph" and target is path_to(root, node)[-2]), (cite, node.eid)
        cited += 1
    assert cited > 20


def test_inserted_articles() -> None:
    root = parse_structure("某法\n第十五条 甲。\n第十五条之一 乙。\n第十五条之二　丙：\n（一）丁；\n第十六条 戊。\n")
    assert [n.eid for n in root.walk() if n.kind == "article"] == ["art_15", "art_15_1", "art_15_2", "art_16"]
    assert resolve(root, "第十五条").eid == "art_15"
    node = resolve(root, "第十五条之二第（一）项")
    assert node.eid == "art_15_2__para_1__point_1"
    assert format_citation(path_to(root, node)) == "第十五条之二第（一）项"
    with pytest.raises(CitationError, match="第十五条之三 not found"):
        resolve(root, "第十五条之三")


def test_items_printed_with_arabic_numbers() -> None:
    root = parse_structure("某办法\n第一条 下列事项：\n1. 甲；\n2. 乙。\n第二条 丙。\n")
    node = resolve(root, "第一条第2项")
    assert node.eid == "art_1__para_1__point_2" and node.kind == "item"
    assert format_citation(path_to(root, node)) == "第一条第2项"
