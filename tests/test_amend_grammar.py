"""The instruction grammar: one row per printed form (sample forms and national/provincial forms)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongbao.amend.grammar import join_pdf_lines, parse_decision, parse_instruction
from gongbao.amend.ops import Target
from gongbao.errors import InstructionError

SAMPLE = Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt"


def art(a: int, p: int | None = None, i: int | None = None) -> Target:
    return Target(article=a, paragraph=p, item=i)


def chp(c: int) -> Target:
    return Target(chapter=c)


def shape(text: str) -> list[tuple]:
    """Each operation as (action, target, new_number, text, extra) for compact rows."""
    out = []
    for o in parse_instruction(text, n=1):
        extra: object = None
        if o.action in ("replace_term", "delete_term", "insert_term"):
            extra = (
                (o.old_term, o.new_term, o.articles)
                if o.action != "insert_term"
                else (o.old_term, o.new_term, o.position, o.articles)
            )
        elif o.action == "merge":
            extra = o.merge_paragraphs or o.articles
        elif o.action == "insert":
            extra = (o.insert_unit, o.insert_after)
        elif o.action == "split":
            extra = o.new_numbers
        out.append((o.action, o.target, o.new_number, o.text, extra))
    return out


ROWS = [
    # --- forms of the sample (order No. 48)
    ("将第三条第三款修改为：“甲。”", [("replace", art(3, 3), None, ("甲。",), None)], "replace-paragraph"),
    (
        "将第九条修改为：“甲。”\n“乙。”",
        [("replace", art(9), None, ("甲。", "乙。"), None)],
        "replace-article-quoted-paragraphs",
    ),
    (
        "将第十二条修改为：“甲。\n“乙。”",
        [("replace", art(12), None, ("甲。", "乙。"), None)],
        "replace-article-open-quotes",
    ),
    (
        "增加一条，作为第十四条：“甲。\n“乙。”",
        [("insert", Target(), art(14), ("甲。", "乙。"), ("article", None))],
        "insert-article-as",
    ),
    (
        "将第十四条改为第十五条，第一款修改为：“甲。”\n删去第二款。",
        [
            ("renumber", art(14), art(15), (), None),
            ("replace", art(14, 1), art(15, 1), ("甲。",), None),
            ("delete", art(14, 2), None, (), None),
        ],
        "renumber-then-paragraph",
    ),
    (
        "将第十五条改为第十六条，修改为：“甲。\n“乙。”",
        [("renumber", art(15), art(16), (), None), ("replace", art(15), art(16), ("甲。", "乙。"), None)],
        "renumber-and-replace",
    ),
    ("删去第十七条。", [("delete", art(17), None, (), None)], "delete-article"),
    ("删去第三十一条第一款。", [("delete", art(31, 1), None, (), None)], "delete-paragraph"),
    ("删去第二十三条第五项。", [("delete", art(23, None, 5), None, (), None)], "delete-item"),
    ("删去第六章。", [("delete_chapter", chp(6), None, (), None)], "delete-chapter"),
    (
        "删去第三十一条第一款。\n第二款改为第一款，修改为：“甲。”",
        [
            ("delete", art(31, 1), None, (), None),
            ("renumber", art(31, 2), art(31, 1), (), None),
            ("replace", art(31, 2), art(31, 1), ("甲。",), None),
        ],
        "paragraph-renumber-replace",
    ),
    (
        "将第四十条改为第三十五条，第一款、第二款合并为一款，修改为：“甲。”",
        [("renumber", art(40), art(35), (), None), ("merge", art(40, 1), art(35, 1), ("甲。",), (1, 2))],
        "merge-paragraphs",
    ),
    (
        "将第五十二条改为第四十五条，第一项修改为：“（一）甲”。",
        [
            ("renumber", art(52), art(45), (), None),
            ("replace", art(52, None, 1), art(45, None, 1), ("（一）甲",), None),
        ],
        "replace-item-after-renumber",
    ),
    (
        "将第三十一条第六项修改为：“（六）甲”。\n增加一项作为第八项：“（八）乙。”",
        [
            ("replace", art(31, None, 6), None, ("（六）甲",), None),
            ("insert", art(31), art(31, None, 8), ("（八）乙。",), ("item", art(31, None, 7))),
        ],
        "insert-item",
    ),
    (
        "将第三十九条改为第三十八条，第一款修改为：“甲。”\n增加一款作为第二款：“乙。”",
        [
            ("renumber", art(39), art(38), (), None),
            ("replace", art(39, 1), art(38, 1), ("甲。",), None),
            ("insert", art(39), art(38, 2), ("乙。",), ("paragraph", art(39, 1))),
        ],
        "insert-paragraph",
    ),
    (
        "将第二十八条第一项修改为：“（一）甲”。\n删去第三项。\n第五项改为第四项，修改为：“（四）乙”。",
        [
            ("replace", art(28, None, 1), None, ("（一）甲",), None),
            ("delete", art(28, None, 3), None, (), None),
            ("renumber", art(28, None, 5), art(28, None, 4), (), None),
            ("replace", art(28, None, 5), art(28, None, 4), ("（四）乙",), None),
        ],
        "item-renumber-replace",
    ),
    (
        "删去第四十七条、第四十八条、第四十九条。",
        [("delete", art(47), None, (), None), ("delete", art(48), None, (), None), ("delete", art(49), None, (), None)],
        "delete-list",
    ),
    (
        "将第六条第二款、第七条中的“甲”修改为“乙”；将第十五条第二款，第十六条，第三十条第二款、第三款中的“丙”修改为“丁”。",
        [
            ("replace_term", Target(), None, (), ("甲", "乙", (art(6, 2), art(7)))),
            ("replace_term", Target(), None, (), ("丙", "丁", (art(15, 2), art(16), art(30, 2), art(30, 3)))),
        ],
        "replace-term-lists",
    ),
    (
        "将第四十一条中的“甲”修改为“乙”;“丙”修改为“丁”。",
        [
            ("replace_term", Target(), None, (), ("甲", "乙", (art(41),))),
            ("replace_term", Target(), None, (), ("丙", "丁", (art(41),))),
        ],
        "replace-term-elided-scope",
    ),
    (
        "将第十一条中“县(市)甲”修改为“乙”",
        [("replace_term", Target(), None, (), ("县(市)甲", "乙", (art(11),)))],
        "replace-term-no-de",
    ),
    # --- national and provincial forms
    (
        "在第十条后增加一条，作为第十一条：“甲。”",
        [("insert", Target(), art(11), ("甲。",), ("article", art(10)))],
        "insert-article-after",
    ),
    (
        "将第五条第二款第三项中的“甲”修改为“乙”。",
        [("replace_term", Target(), None, (), ("甲", "乙", (Target(article=5, paragraph=2, item=3),)))],
        "replace-term-in-item",
    ),
    ("删去第八条中的“甲”。", [("delete_term", Target(), None, (), ("甲", None, (art(8),)))], "delete-term"),
    ("将第八条中的“甲”删去。", [("delete_term", Target(), None, (), ("甲", None, (art(8),)))], "delete-term-postfix"),
    (
        "在第十二条中的“甲”后增加“乙”。",
        [("insert_term", Target(), None, (), ("甲", "乙", "after", (art(12),)))],
        "insert-term-after",
    ),
    (
        "在第十二条第一款中的“甲”前增加“乙”。",
        [("insert_term", Target(), None, (), ("甲", "乙", "before", (art(12, 1),)))],
        "insert-term-before",
    ),
    (
        "将第二十条改为两条，作为第二十条、第二十一条：“甲。”\n“乙。”",
        [("split", art(20), None, ("甲。", "乙。"), (art(20), art(21)))],
        "split-article",
    ),
    (
        "第十八条增加一款，作为第三款：“甲。”",
        [("insert", art(18), art(18, 3), ("甲。",), ("paragraph", art(18, 2)))],
        "article-gets-paragraph",
    ),
    (
        "在第三章后增加一章，作为第四章：“第四章　甲”",
        [("insert", Target(), chp(4), ("第四章　甲",), ("chapter", chp(3)))],
        "insert-chapter",
    ),
    ("将第五章改为第六章。", [("renumber", chp(5), chp(6), (), None)], "renumber-chapter"),
    (
        "删去第六十一条至第六十三条。",
        [("delete", art(61), None, (), None), ("delete", art(62), None, (), None), ("delete", art(63), None, (), None)],
        "delete-range",
    ),
    ("将本法中的“甲”修改为“乙”。", [("replace_term", Target(), None, (), ("甲", "乙", ()))], "replace-term-whole-text"),
    (
        "将第三条中的“甲”修改为“乙”，“丙”修改为“丁”。",
        [
            ("replace_term", Target(), None, (), ("甲", "乙", (art(3),))),
            ("replace_term", Target(), None, (), ("丙", "丁", (art(3),))),
        ],
        "replace-two-terms-comma",
    ),
    ("将第二章的章名修改为：“甲”", [("replace_heading", chp(2), None, ("甲",), None)], "replace-chapter-heading"),
    (
        "第七条第一款修改为：“甲，使用“暂停”标志。”",
        [("replace", art(7, 1), None, ("甲，使用“暂停”标志。",), None)],
        "nested-quotes",
    ),
    (
        "将第十条第一款中的“甲”修改为“乙”，第二款中的“丙”修改为“丁”。",
        [
            ("replace_term", Target(), None, (), ("甲", "乙", (art(10, 1),))),
            ("replace_term", Target(), None, (), ("丙", "丁", (art(10, 2),))),
        ],
        "terms-in-two-paragraphs",
    ),
    (
        "在第五条中增加一款，作为第二款：“甲。”",
        [("insert", art(5), art(5, 2), ("甲。",), ("paragraph", art(5, 1)))],
        "insert-paragraph-in-article",
    ),
    (
        "将第四十条、第四十一条合并为一条，作为第四十条，修改为：“甲。”",
        [("merge", art(40), art(40), ("甲。",), (art(40), art(41)))],
        "merge-articles",
    ),
    # --- forms of real national decisions (tests/data/amend/triples)
    (
        "将第五十一条改为第六十一条，在第一款最后增加“甲。”",
        [
            ("renumber", art(51), art(61), (), None),
            ("insert_term", Target(), None, (), (None, "甲。", "end", (art(51, 1),))),
        ],
        "append-at-end-of-paragraph",
    ),
    (
        "将第十一条改为第十四条，在“甲”后增加“乙”。",
        [
            ("renumber", art(11), art(14), (), None),
            ("insert_term", Target(), None, (), ("甲", "乙", "after", (art(11),))),
        ],
        "insert-term-in-renumbered-article",
    ),
    (
        "将第十四条改为第十八条，增加二款，作为第二款、第三款：“甲。\n“乙。”",
        [
            ("renumber", art(14), art(18), (), None),
            ("insert", art(14), art(18, 2), ("甲。",), ("paragraph", art(14, 1))),
            ("insert", art(14), art(18, 3), ("乙。",), ("paragraph", None)),
        ],
        "insert-two-paragraphs-renumbered",
    ),
    (
        "对部分条文作以下修改：\n（一）在第一条中的“甲”后增加“乙”。\n（二）将第十二条改为第十五条，第一款中的“丙”修改为“丁”。",
        [
            ("insert_term", Target(), None, (), ("甲", "乙", "after", (art(1),))),
            ("renumber", art(12), art(15), (), None),
            ("replace_term", Target(), None, (), ("丙", "丁", (art(12, 1),))),
        ],
        "sub-instructions-of-one-instruction",
    ),
    (
        "将第二十条改为第二十三条，分为两款，修改为：“甲。\n“乙。”",
        [
            ("renumber", art(20), art(23), (), None),
            ("replace", art(20), art(23), ("甲。", "乙。"), None),
        ],
        "divide-article-into-paragraphs",
    ),
    (
        "第一款第二项分为两项，修改为：“（二）甲的”“（三）乙的”。",
        [("replace", Target(paragraph=1, item=2), None, ("（二）甲的", "（三）乙的"), None)],
        "divide-item-into-two",
    ),
    (
        "将第八条第三款单列一条，作为第四十九条，修改为：“甲。”",
        [
            ("renumber", art(8, 3), art(49), (), None),
            ("replace", art(8, 3), art(49), ("甲。",), None),
        ],
        "paragraph-becomes-distant-article",
    ),
    (
        "将第三章并入第二章，删去第二十四条。",
        [("merge_chapter", chp(3), chp(2), (), None), ("delete", art(24), None, (), None)],
        "merge-chapter-into-chapter",
    ),
    (
        "将第四十二条改为第四十条，第一款第一自然段修改为：“甲：”",
        [
            ("renumber", art(42), art(40), (), None),
            ("replace", art(42, 1), art(40, 1), ("甲：",), None),
        ],
        "replace-lead-text-of-paragraph",
    ),
    (
        "将第十三条第一款中的第一处“甲”修改为“乙”，删去“丙”。",
        [
            ("replace_term", Target(), None, (), ("甲", "乙", (art(13, 1),))),
            ("delete_term", Target(), None, (), ("丙", None, (art(13, 1),))),
        ],
        "replace-first-occurrence",
    ),
    (
        "删去第十九条第一款、第二十四条第三款、第三十二条、第三十六条第三项。",
        [
            ("delete", art(19, 1), None, (), None),
            ("delete", art(24, 3), None, (), None),
            ("delete", art(32), None, (), None),
            ("delete", art(36, None, 3), None, (), None),
        ],
        "delete-mixed-list",
    ),
    (
        "将第二条第一款分为两款，作为第一款、第二款，修改为：“甲。\n“乙。”",
        [("replace", art(2, 1), None, ("甲。", "乙。"), None)],
        "divide-paragraph-into-two",
    ),
    (
        "将第十八条第二款、第二十条、第二十一条合并，作为第二十二条，修改为：“甲。”",
        [
            ("delete", art(18, 2), None, (), None),
            ("merge", art(20), art(22), ("甲。",), (art(20), art(21))),
        ],
        "merge-paragraph-and-articles",
    ),
    (
        "将第三十条中的“甲”、第四十条中的“乙”修改为“丙”。",
        [
            ("replace_term", Target(), None, (), ("甲", "丙", (art(30),))),
            ("replace_term", Target(), None, (), ("乙", "丙", (art(40),))),
        ],
        "two-places-one-new-term",
    ),
    (
        "将第四章改为第五章，章名修改为“甲”。",
        [("renumber", chp(4), chp(5), (), None), ("replace_heading", chp(4), chp(5), ("甲",), None)],
        "renumber-chapter-and-its-heading",
    ),
    (
        "将第二十一条第一款改为两款，作为第一款、第二款：“甲。\n“乙。”",
        [("replace", art(21, 1), None, ("甲。", "乙。"), None)],
        "paragraph-made-two-paragraphs",
    ),
    # --- forms of provincial decisions (即：, 该条, 后增加 without 在)
    (
        "第十三条增加一款作为该条第二款，即：“甲。”",
        [("insert", art(13), art(13, 2), ("甲。",), ("paragraph", art(13, 1)))],
        "local-insert-paragraph-ji",
    ),
    (
        "第十三条后增加一条作为第十四条，即：“甲。”",
        [("insert", Target(), art(14), ("甲。",), ("article", art(13)))],
        "local-insert-article-after",
    ),
    (
        # 国务院关于修改和废止部分行政法规的决定 (2022-03-29, 国务院令第752号), part 七 (海关统计条例) — GitHub
        # Theonefkguy/Chinese-Laws 行政法规/国务院关于修改和废止部分行政法规的决定(2022-03-29).md @ 08eb6c2a:
        # 该条 = the article just named
        "将第十条中的“的经营单位”修改为“收发货人”，删去该条中的“在海关注册登记、”。",
        [
            ("replace_term", Target(), None, (), ("的经营单位", "收发货人", (art(10),))),
            ("delete_term", Target(), None, (), ("在海关注册登记、", None, (art(10),))),
        ],
        "delete-term-in-that-article",
    ),
    (
        "将相关条文中的“帐”修改为“账”。",
        [("replace_term", Target(), None, (), ("帐", "账", ()))],
        "replace-term-related-articles",
    ),
    # --- 修正案 form: the work named without 《》 by its short or full name (中华人民共和国刑法修正案（十一）,
    # items 一、二、三、四十一; tests/data/amend/criminal-2020-amendment11/)
    (
        "将刑法第十七条修改为：“甲。\n“乙。”",
        [("replace", art(17), None, ("甲。", "乙。"), None)],
        "amendment-short-name-replace-article",
    ),
    (
        "在刑法第一百三十三条之一后增加一条，作为第一百三十三条之二：“甲。”",
        [
            (
                "insert",
                Target(),
                Target(article=133, sub=2),
                ("甲。",),
                ("article", Target(article=133, sub=1)),
            )
        ],
        "amendment-short-name-insert-zhi-er",
    ),
    (
        "将刑法第一百三十四条第二款修改为：“甲。”",
        [("replace", art(134, 2), None, ("甲。",), None)],
        "amendment-short-name-replace-paragraph",
    ),
    (
        "在刑法第三百四十一条中增加一款作为第三款：“甲。”",
        [("insert", art(341), art(341, 3), ("甲。",), ("paragraph", art(341, 2)))],
        "amendment-short-name-insert-paragraph",
    ),
    (
        "将中华人民共和国刑法第十七条修改为：“甲。”",
        [("replace", art(17), None, ("甲。",), None)],
        "amendment-full-name-without-marks",
    ),
    (
        "将本法第十七条修改为：“甲。”",
        [("replace", art(17), None, ("甲。",), None)],
        "amendment-this-law",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [(r[0], r[1]) for r in ROWS], ids=[r[2] for r in ROWS])
def test_instruction_forms(text: str, expected: list[tuple]) -> None:
    assert shape(text) == expected


def test_occurrence_and_lead_are_kept_on_the_operation() -> None:
    first = parse_instruction("将第十三条第一款中的第一处“甲”修改为“乙”。", n=1)[0]
    assert first.occurrence == 1 and first.to_json()["occurrence"] == 1
    lead = parse_instruction("将第四十二条第一款第一自然段修改为：“甲：”", n=1)[0]
    assert lead.position == "lead"


@pytest.mark.parametrize(
    "text",
    ["将第三条第三款予以调整。", "第九条作相应修改。", "将第三条修改为：“甲。", "删去本办法。"],
    ids=["unknown-verb", "vague", "unterminated-quote", "delete-nothing"],
)
def test_unknown_forms_raise_with_text(text: str) -> None:
    with pytest.raises(InstructionError) as e:
        parse_instruction(text)
    assert text.split("：")[0][:6] in e.value.message


def test_instruction_naming_its_law() -> None:
    (op,) = parse_instruction("将《中华人民共和国测试法》第十条第一款修改为：“甲。”", n=3)
    assert (op.regulation, op.action, op.target) == ("中华人民共和国测试法", "replace", art(10, 1))


def test_join_pdf_lines_repairs_page_breaks() -> None:
    text = "2. 将第六条第一款修改为：“甲，报上一级备\n\n案。”\n3. 删去第九条。"
    assert [t for t, _, _ in join_pdf_lines(text)] == [
        "2. 将第六条第一款修改为：“甲，报上一级备案。”",
        "3. 删去第九条。",
    ]


def _sample_decision() -> str:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[127:427])


def test_sample_decision_parses_completely() -> None:
    dec = parse_decision(_sample_decision())
    numbered = [i.n for i in dec.instructions if i.n is not None]
    assert numbered == list(range(1, 57))
    repeal = [i for i in dec.instructions if i.n is None]
    assert [(i.part, i.regulation, i.doc_number) for i in repeal] == [
        ("三", "聊城市城市地下管线规划管理办法", "聊城市人民政府令第34号")
    ]
    assert dec.regulations == [
        ("聊城市燃气管理办法", "聊城市人民政府令第32号"),
        ("聊城市巡游出租汽车经营服务管理办法", "聊城市人民政府令第33号"),
    ]
    assert dec.general_clause is not None and "条文顺序" in dec.general_clause
    assert sum(len(i.ops) for i in dec.instructions) == 123


def test_sample_operations_match_gold() -> None:
    import json

    gold = json.loads(
        (Path(__file__).parent / "data" / "liaocheng-2024-11-12.decision48.json").read_text(encoding="utf-8")
    )
    dec = parse_decision(_sample_decision())
    ours = {(i.n if i.n is not None else "三"): i for i in dec.instructions}
    for g in gold["instructions"]:
        o = ours[g["n"] if g["n"] is not None else "三"]
        assert [op["action"] for op in g["ops"]] == [op.action for op in o.ops], g["n"]
        for gop, oop in zip(g["ops"], o.ops, strict=True):
            assert Target.from_json(gop["target"]) == oop.target, gop["id"]
            if "text" in gop:
                assert list(oop.text) == gop["text"], gop["id"]
            if "new_number" in gop and gop["action"] != "insert":
                assert Target.from_json(gop["new_number"]) == oop.new_number, gop["id"]
            if "old_term" in gop:
                assert (oop.old_term, oop.new_term) == (gop["old_term"], gop["new_term"]), gop["id"]
                assert [t.to_json() for t in oop.articles] == gop["articles"], gop["id"]


def test_decision_amending_several_laws_one_instruction_each() -> None:
    text = (
        "全国人民代表大会常务委员会关于修改部分法律的决定\n"
        "第十届全国人民代表大会常务委员会第X次会议决定：\n"
        "一、将《中华人民共和国甲法》第十条修改为：“甲。”\n"
        "二、删去《中华人民共和国乙法》第五条。\n"
        "本决定自公布之日起施行。\n"
    )
    dec = parse_decision(text)
    assert [(i.n, i.regulation, [o.action for o in i.ops]) for i in dec.instructions] == [
        (1, "中华人民共和国甲法", ["replace"]),
        (2, "中华人民共和国乙法", ["delete"]),
    ]
    assert [t for t, _ in dec.regulations] == ["中华人民共和国甲法", "中华人民共和国乙法"]


def test_single_law_with_parenthesised_instructions() -> None:
    text = "决定对《中华人民共和国甲法》作如下修改：\n（一）将第三条修改为：“甲。”\n（二）删去第四条。\n"
    dec = parse_decision(text)
    assert [(i.n, [o.action for o in i.ops]) for i in dec.instructions] == [(1, ["replace"]), (2, ["delete"])]


def test_parts_with_parenthesised_instructions() -> None:
    text = (
        "一、对《中华人民共和国甲法》作出修改\n"
        "（一）将第三条修改为：“甲。”\n"
        "（二）删去第四条。\n"
        "二、对《中华人民共和国乙法》作出修改\n"
        "（一）将第二条中的“丙”修改为“丁”。\n"
    )
    dec = parse_decision(text)
    assert [(i.n, i.regulation) for i in dec.instructions] == [
        (1, "中华人民共和国甲法"),
        (2, "中华人民共和国甲法"),
        (1, "中华人民共和国乙法"),
    ]


def test_provincial_decision_with_subparts_per_regulation() -> None:
    """一、修改《X》等N件地方性法规 / （一）对《X》的修改 / 1.… — each sub-part names its regulation."""
    text = "\n".join(
        [
            "上海市人民代表大会常务委员会关于修改《上海市甲条例》等2件地方性法规的决定",
            "上海市第十六届人民代表大会常务委员会第九次会议决定：",
            "一、修改《上海市甲条例》等2件地方性法规",
            "（一）对《上海市甲条例》的修改",
            "1.将第二条修改为：“甲。”",
            "2.将第三条第一款修改为：“乙。”",
            "增加一款，作为第二款：“丙。”",
            "（二）对《上海市乙条例》的修改",
            "1.删去第二十九条第一、二款。",
            "二、废止《上海市丙规定》",
            "本决定自2023年12月28日起施行。",
        ]
    )
    dec = parse_decision(text)
    assert [(i.n, i.regulation) for i in dec.instructions] == [
        (1, "上海市甲条例"),
        (2, "上海市甲条例"),
        (1, "上海市乙条例"),
        (None, "上海市丙规定"),
    ]
    assert [(o.action, o.target) for o in dec.instructions[2].ops] == [
        ("delete", art(29, 1)),
        ("delete", art(29, 2)),
    ]
    assert dec.instructions[1].ops[1].action == "insert"


def test_parts_naming_their_regulation_each_with_bare_or_numbered_instructions() -> None:
    """一、修改《X》（文号）then a bare 将第十九条修改为…; 二、修改《Y》 with （一）（二）… (a ministry's decision)."""
    text = "\n".join(
        [
            "中国人民银行关于修改部分规章的决定",
            "现决定对3件规章的部分条款予以修改。",
            "一、修改《甲办法》（银发〔1999〕407号文印发）",
            "将第十九条修改为：“甲。”",
            "二、修改《乙办法》（中国人民银行令〔2001〕第1号发布）",
            "（一）将第四十一条修改为：“乙。”",
            "（二）将第四十二条修改为：“丙。”",
            "三、修改《丙办法》",
            "将第八十条修改为：“丁。”",
            "本决定自2025年1月1日起施行。",
        ]
    )
    dec = parse_decision(text)
    assert [(i.n, i.regulation, [o.target for o in i.ops]) for i in dec.instructions] == [
        (1, "甲办法", [art(19)]),
        (1, "乙办法", [art(41)]),
        (2, "乙办法", [art(42)]),
        (1, "丙办法", [art(80)]),
    ]
