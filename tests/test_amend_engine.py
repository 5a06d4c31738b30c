"""The engine: operations applied to a base version (small texts built for one behaviour each)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongbao.amend.engine import apply, apply_decision_text, rewrite_article_refs
from gongbao.amend.grammar import parse_instruction
from gongbao.amend.regtext import parse_regulation, render
from gongbao.errors import InstructionError

ROOT = Path(__file__).parent.parent

BASE = """测试办法
第一章 总则
第一条 为了测试，制定本办法。
第二条 本办法适用于测试。
第二章 管理
第三条 甲应当做好工作。
乙应当配合。
第四条 有下列行为之一的，依照本办法第六条处理：
（一）甲；
（二）乙；
（三）丙。
第五条 违反本办法第三条、第四条规定的，依照《中华人民共和国测试法》第三条处罚。
第三章 附则
第六条 本办法自2020年1月1日起施行。
"""


def run(*instructions: str) -> tuple[str, list[tuple[int, int | None]]]:
    ops = [op for k, text in enumerate(instructions, 1) for op in parse_instruction(text, n=k)]
    result = apply(parse_regulation(BASE), ops)
    return render(result.regulation), result.article_map


def test_delete_renumbers_following_articles_and_references() -> None:
    text, amap = run("删去第二条。")
    assert amap == [(1, 1), (2, None), (3, 2), (4, 3), (5, 4), (6, 5)]
    assert "第三条　有下列行为之一的，依照本办法第五条处理：" in text
    assert "第四条　违反本办法第二条、第三条规定的，依照《中华人民共和国测试法》第三条处罚。" in text


def test_insert_article_with_new_number() -> None:
    text, amap = run("在第三条后增加一条，作为第四条：“丁应当报告。”")
    assert amap == [(1, 1), (2, 2), (3, 3), (4, 5), (5, 6), (6, 7)]
    assert "第四条　丁应当报告。\n第五条　有下列行为之一的，依照本办法第七条处理：" in text


def test_explicit_move_keeps_other_articles_in_order() -> None:
    _, amap = run("将第五条改为第三条。")
    assert amap == [(1, 1), (2, 2), (3, 4), (4, 5), (5, 3), (6, 6)]


def test_item_replace_keeps_list_punctuation_and_delete_relabels() -> None:
    text, _ = run("将第四条第一项修改为：“（一）甲甲”。\n删去第二项。")
    assert "（一）甲甲；\n（二）丙。" in text


def test_paragraph_operations() -> None:
    text, _ = run("将第三条第二款修改为：“乙应当积极配合。”\n增加一款，作为第三款：“丙应当监督。”")
    assert "第三条　甲应当做好工作。\n乙应当积极配合。\n丙应当监督。" in text


def test_term_replacement_in_listed_articles_only() -> None:
    text, _ = run("将第三条中的“应当”修改为“必须”。")
    assert "甲必须做好工作。\n乙必须配合。" in text
    assert "第六条　本办法自2020年1月1日起施行。" in text


def test_delete_chapter_takes_its_articles() -> None:
    text, amap = run("删去第二章。")
    assert amap == [(1, 1), (2, 2), (3, None), (4, None), (5, None), (6, 3)]
    assert "第二章　附则\n第三条　本办法自" in text


def test_paragraph_becomes_article() -> None:
    text, amap = run("将第三条第二款改为第四条，修改为：“乙应当积极配合。”")
    assert "第三条　甲应当做好工作。\n第四条　乙应当积极配合。\n第五条　有下列行为之一的" in text
    assert amap[3:] == [(4, 5), (5, 6), (6, 7)]


def test_merge_articles() -> None:
    text, amap = run("将第一条、第二条合并，作为第一条，修改为：“为了测试，制定本办法。本办法适用于测试。”")
    assert amap[:3] == [(1, 1), (2, 1), (3, 2)]
    assert "第一条　为了测试，制定本办法。本办法适用于测试。\n第二章　管理\n第二条　甲应当" in text


@pytest.mark.parametrize(
    ("instruction", "fragment"),
    [
        ("删去第九条。", "第九条 does not exist"),
        ("将第三条第五款修改为：“甲。”", "第三条第五款 does not exist"),
        ("将第二条中的“丙”修改为“丁”。", "“丙” not found"),
    ],
    ids=["article", "paragraph", "term"],
)
def test_missing_target_names_the_instruction(instruction: str, fragment: str) -> None:
    with pytest.raises(InstructionError) as e:
        run(instruction)
    assert "instruction 1" in e.value.message and fragment in e.value.message


def test_each_operation_applied_once_and_base_untouched() -> None:
    base = parse_regulation(BASE)
    ops = parse_instruction("将第四条改为第五条。\n删去第五条。", n=7)
    result = apply(base, ops)
    assert result.applied == ["7.1", "7.2"]
    assert [a.number for a in base.articles] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依照本办法第九条的规定", "依照本办法第八条的规定"),
        ("违反第十六条和第十七条规定的", "违反第十五条和第十六条规定的"),
        ("第六十一条至第六十三条规定的", "第六十条至第六十二条规定的"),
        (
            "依照《中华人民共和国治安管理处罚法》第九条、第十条处罚",
            "依照《中华人民共和国治安管理处罚法》第九条、第十条处罚",
        ),
        ("依照行政处罚法第十六条规定", "依照行政处罚法第十六条规定"),
    ],
    ids=["this-regulation", "pair", "range", "other-law-chain", "other-law-bare"],
)
def test_rewrite_article_refs(text: str, expected: str) -> None:
    mapping = {n: n - 1 for n in range(2, 70)}
    assert rewrite_article_refs(text, mapping)[0] == expected


def test_apply_decision_text_records_general_clause() -> None:
    decision = "关于修改《测试办法》的决定\n市人民政府决定对《测试办法》作如下修改：\n一、删去第二条。\n此外，对条文顺序和个别文字作相应调整。\n"
    result = apply_decision_text(BASE, decision)
    assert result.general_clause and "个别文字" in result.general_clause
    assert any("general clause" in n for n in result.notes)


def test_history_line_gains_the_decision_local() -> None:
    from gongbao.amend.engine import record_amendment
    from gongbao.amend.grammar import parse_decision
    from gongbao.amend.regtext import fold

    lines = (ROOT / "samples" / "liaocheng-2024-11-12.txt").read_text(encoding="utf-8").split("\n")
    decision = parse_decision("\n".join(lines[127:427]))
    republished = lines[438]  # the history line printed with the consolidated 聊城市燃气管理办法
    before = "(2017年12月15日聊城市人民政府令第32号公布根据2020年1月17日《聊城市人民政府关于修改〈聊城市燃气管理办法〉的决定》修正)"
    (after,) = record_amendment([before], decision, None)
    assert fold(after) == fold(republished)


def test_history_line_gains_the_decision_national() -> None:
    from gongbao.amend.engine import record_amendment
    from gongbao.amend.grammar import parse_decision

    decision = parse_decision(
        (ROOT / "tests" / "data" / "amend" / "consumer-2013-decision.txt").read_text(encoding="utf-8")
    )
    before = "（1993年10月31日第八届全国人民代表大会常务委员会第四次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》修正）"
    (after,) = record_amendment([before], decision, None)
    assert after == (
        "（1993年10月31日第八届全国人民代表大会常务委员会第四次会议通过　根据2009年8月27日第十一届全国人民代表大会常务委员会"
        "第十次会议《关于修改部分法律的决定》第一次修正　根据2013年10月25日第十二届全国人民代表大会常务委员会第五次会议"
        "《关于修改〈中华人民共和国消费者权益保护法〉的决定》第二次修正）"
    )


def test_item_labels_keep_their_printed_style() -> None:
    base = "办法\n第一条 下列事项：\n一、甲；\n二、乙；\n三、丙。\n第二条 其他事项：\n(1)丁；\n(2)戊。\n"
    ops = parse_instruction("删去第一条第一项。\n将第二条第二项修改为：“（二）己”。", n=1)
    text = render(apply(parse_regulation(base), ops).regulation)
    assert "第一条　下列事项：\n一、乙；\n二、丙。\n第二条　其他事项：\n(1)丁；\n(2)己。" in text


def test_paragraph_references_follow_their_paragraph() -> None:
    base = "办法\n第一条 甲。\n乙。\n丙。\n第二条 违反第一条第三款规定的，依照第一条第一款处理。\n"
    ops = parse_instruction("删去第一条第二款。", n=1)
    text = render(apply(parse_regulation(base), ops).regulation)
    assert "第二条　违反第一条第二款规定的，依照第一条第一款处理。" in text


def test_chapter_and_section_headings() -> None:
    base = "办法\n第一章 总则\n第一节 一般规定\n第一条 甲。\n第二章 附则\n第二条 乙。\n"
    ops = parse_instruction("将第一章第一节的节名修改为：“基本规定”\n将第二章的章名修改为：“附　则”", n=1)
    text = render(apply(parse_regulation(base), ops).regulation)
    assert text == "办法\n第一章　总则\n第一节　基本规定\n第一条　甲。\n第二章　附　则\n第二条　乙。\n"


def test_history_line_without_brackets_gains_the_decision_and_stays_apart() -> None:
    # the 实施条例 as the timeline's 2001 issue prints its history, no brackets
    # (tests/data/store/timeline, locators in its README)
    from gongbao.amend.engine import record_amendment
    from gongbao.amend.grammar import parse_decision
    from gongbao.amend.regtext import parse_regulation

    before = "1983年9月20日国务院发布　1986年1月15日、1987年12月21日国务院修订"
    reg = parse_regulation(f"中华人民共和国中外合资经营企业法实施条例\n{before}\n第一条　为了便于合营企业的设立。\n")
    assert reg.preface[-1] == before and len(reg.articles) == 1
    decision = parse_decision(
        "国务院关于修改《中华人民共和国中外合资经营企业法实施条例》的决定\n"
        "国务院决定对《中华人民共和国中外合资经营企业法实施条例》作如下修改：\n"
        "一、第一条修改为：“为了便于合营企业的设立和经营。”\n"
    )
    (after,) = record_amendment([before], decision, date(2001, 7, 22))
    assert after.startswith(
        before + "　根据2001年7月22日《国务院关于修改〈中华人民共和国中外合资经营企业法实施条例〉的决定》"
    )
    assert after.endswith("修正")
