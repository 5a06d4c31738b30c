"""Forms of real decisions added for issue #15, each from a real decision in tests/data/amend/triples/
(sources in tests/data/amend/README.md); forms no collected decision prints are built from the
shape the NPC drafting uses and say so."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongbao.amend.engine import apply_decision, apply_decision_text
from gongbao.amend.grammar import catch_all_consequences, catch_all_kinds, parse_decision, parse_instruction
from gongbao.amend.ops import Target
from gongbao.amend.regtext import fold, parse_regulation, render
from gongbao.amend.verify import verify_decision
from gongbao.errors import InstructionError

DATA = Path(__file__).parent / "data" / "amend" / "triples"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- decisions amending several works


def test_state_council_decision_attachments_and_list_lines_are_not_instructions() -> None:
    dec = parse_decision(_read("sc2024-decision.txt"))  # strict: every instruction of every part reads
    amended = [i for i in dec.instructions if not any(o.action == "repeal_regulation" for o in i.ops)]
    assert [i.n for i in amended] == list(range(1, 9))
    assert [i.regulation for i in amended][6] == "企业信息公示暂行条例"
    repealed = [i.regulation for i in dec.instructions if any(o.action == "repeal_regulation" for o in i.ops)]
    assert len(repealed) == 13 and repealed[0] == "中华人民共和国劳动保险条例"
    skipped = [t for _, t in dec.skipped]
    assert "附件1" in skipped and "2.国务院决定废止的行政法规" in skipped
    assert "一、对8部行政法规的部分条款予以修改。（附件1）" in skipped
    # 此外，对相关行政法规中的条文序号作相应调整: a catch-all (renumbering), its consequence named.
    assert dec.catch_alls == ["此外，对相关行政法规中的条文序号作相应调整。"]
    assert catch_all_kinds(dec.catch_alls[0]) == ("renumber",)


def test_a_part_continues_over_lines_without_its_verb() -> None:
    dec = parse_decision(_read("sc2024-decision.txt"))
    part = dec.for_regulation("企业信息公示暂行条例")[0]
    actions = [o.action for o in part.ops]
    assert actions == [
        "replace_term",
        "replace_term",
        "insert",
        "renumber",
        "replace",
        "renumber",
        "replace_term",
        "insert",
    ]
    # 第十七条 改为第十八条 (a stray space after the article, as the source prints it)
    assert part.ops[3].target == Target(article=17) and part.ops[3].new_number == Target(article=18)


def test_delete_terms_in_several_places_share_the_verb() -> None:
    dec = parse_decision(_read("sc2024-decision.txt"))
    std = dec.for_regulation("中华人民共和国标准化法实施条例")[0]
    terms = [(o.old_term, o.articles[0].label()) for o in std.ops if o.action == "delete_term"]
    assert terms == [("或给予责任者行政处分", "第三十二条"), ("给予行政处分，并可", "第三十三条第三款")]
    trade = dec.for_regulation("中华人民共和国货物进出口管理条例")[0]
    deleted = [o for o in trade.ops if o.action == "delete_term"]
    assert [len(o.articles) for o in deleted] == [2, 2, 1]


def test_an_unreadable_instruction_stops_only_its_own_work() -> None:
    text = _read("sc2024-decision.txt").replace(
        "二、删去《中华人民共和国计算机信息网络国际联网管理暂行规定》第六条第一款中的“邮电部”。",
        "二、对《中华人民共和国计算机信息网络国际联网管理暂行规定》第六条的表格作相应修改。",
    )
    dec = parse_decision(text, strict=False)
    errors = dec.errors()
    assert len(errors) == 1 and errors[0].regulation == "中华人民共和国计算机信息网络国际联网管理暂行规定"
    result = apply_decision(parse_regulation(_read("disclosure-2014-base.txt")), dec)
    assert len(result.regulation.articles) == 27
    assert any("another work" in n and "联网管理暂行规定" in n for n in result.notes)
    with pytest.raises(InstructionError):
        apply_decision(parse_regulation("中华人民共和国计算机信息网络国际联网管理暂行规定\n第一条 甲。\n"), dec)


def test_multi_law_decision_applies_the_part_of_the_work_at_hand() -> None:
    result = apply_decision_text(_read("inspection-2018-base.txt"), _read("eightlaws-2021-decision.txt"))
    assert len(result.regulation.articles) == 39  # 删去第二十二条、第三十四条
    assert fold(result.regulation.article(3).text()).startswith(
        fold("商检机构和依法设立的检验机构（以下称其他检验机构）")
    )
    with pytest.raises(InstructionError, match="no instruction for"):
        apply_decision_text("中华人民共和国商标法\n第一条 甲。\n", _read("eightlaws-2021-decision.txt"))


@pytest.mark.parametrize(
    ("clause", "kinds"),
    [
        ("此外，对条文顺序作相应调整。", ("renumber",)),
        ("此外，对相关行政法规中的条文序号作相应调整。", ("renumber",)),
        ("此外，对部分条文的文字作修改。", ("wording",)),
        ("此外，对条文顺序和个别文字作相应调整和修改。", ("renumber", "wording")),
        ("《X》根据本决定作相应修改并对条文顺序作相应调整，重新公布。", ("renumber",)),
        ("此外，对部分文字作了修改，条序也作了相应调整。", ("renumber", "wording")),  # appoint-2022-decision.txt
    ],
)
def test_every_catch_all_variant_is_recognised_and_its_consequences_named(clause: str, kinds: tuple[str, ...]) -> None:
    dec = parse_decision(f"关于修改《测试办法》的决定\n一、删去第一条。\n{clause}\n")
    assert dec.catch_alls == [clause]
    assert catch_all_kinds(clause) == kinds
    named = catch_all_consequences(clause)
    assert len(named) == len(kinds) and all(line.split(":")[0] in kinds for line in named)


# ---------------------------------------------------------------- sections, splits, lists (地方组织法 2022)


def test_sections_from_article_ranges() -> None:
    ops = parse_instruction(
        "第三章“县级以上的地方各级人民代表大会常务委员会”分为四节：第一节“常务委员会的组成和任期”，包括第四十六条"
        "至第四十八条；第二节“常务委员会的职权”，包括第四十九条和第五十条；第三节“常务委员会会议的举行”，包括"
        "第五十一条至第五十五条；第四节“常务委员会各委员会和工作机构”，包括第五十六条至第六十条。"
    )
    assert [(o.action, o.target.section, o.text, o.new_numbers[0].article, o.new_numbers[1].article) for o in ops] == [
        ("group", 1, ("常务委员会的组成和任期",), 46, 48),
        ("group", 2, ("常务委员会的职权",), 49, 50),
        ("group", 3, ("常务委员会会议的举行",), 51, 55),
        ("group", 4, ("常务委员会各委员会和工作机构",), 56, 60),
    ]
    (chapter_only,) = parse_instruction("第一章“总则”分为六条，包括第一条至第六条。")
    assert chapter_only.target == Target(chapter=1) and chapter_only.target.section is None


def test_sections_and_far_splits_land_where_the_official_text_prints_them() -> None:
    result = apply_decision_text(_read("localorg-2015-base.txt"), _read("localorg-2022-decision.txt"))
    official = parse_regulation(_read("localorg-2022-consolidated.txt"))

    def layout(reg):  # type: ignore[no-untyped-def]
        out = []
        for a in reg.articles:
            ch = reg.chapter_of(a)
            assert ch is not None
            out.append((a.number, ch.number, fold(ch.sections.get(a.section, "")) if a.section else None))
        return out

    assert layout(result.regulation) == layout(official)
    text = render(result.regulation)
    assert "第二章　地方各级人民代表大会\n第一节　地方各级人民代表大会的组成和任期\n第七条　" in text


def test_one_article_into_three_and_items_each_replaced() -> None:
    dec = parse_decision(_read("localorg-2022-decision.txt"))
    (split,) = [o for o in dec.instructions[16].ops if o.action == "split"]
    assert [t.article for t in split.new_numbers] == [33, 34, 35]
    each = [o for o in dec.instructions[21].ops if o.action == "replace" and o.target.item]
    assert [(o.target.paragraph, o.target.item, o.new_number and o.new_number.article) for o in each] == [
        (4, 1, 47),
        (4, 2, 47),
    ]


def test_after_a_renumbered_paragraph_the_new_one_follows_it() -> None:
    # 十三、将第十一条改为第十四条 … 第二款改为第三款，修改为：“…” 增加一款，作为第四款：“…”
    result = apply_decision_text(_read("localorg-2015-base.txt"), _read("localorg-2022-decision.txt"))
    art = result.regulation.article(14)
    assert art is not None and len(art.paragraphs) == 4
    assert art.paragraphs[3].text == "地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。"


def test_a_list_keeps_its_closing_mark_on_its_last_item() -> None:
    # 二十四: items added, renumbered and 删去第十四项 in one list; the republished list ends with 。 once.
    result = apply_decision_text(_read("localorg-2015-base.txt"), _read("localorg-2022-decision.txt"))
    art = result.regulation.article(50)
    assert art is not None
    items = art.paragraphs[0].items
    assert len(items) == 18 and items[-1].text.endswith("。")
    assert all(it.text.endswith("；") for it in items[:-1])


def test_no_doubled_punctuation_after_a_quoted_sentence_is_deleted() -> None:
    # 农业技术推广法 2024: 删去其中的“同级人民政府科学技术部门对农业技术推广工作进行指导” (quoted without its 。)
    result = apply_decision_text(_read("agritech-2012-base.txt"), _read("agritech-2024-decision.txt"))
    text = result.regulation.article(9).text()  # type: ignore[union-attr]
    assert "。。" not in text and "推广工作。同级人民政府其他有关部门" in text


# ---------------------------------------------------------------- base texts as they come


def test_a_missing_chapter_heading_is_inferred_and_reported() -> None:
    reg = parse_regulation(_read("agritech-2012-base.txt"))
    assert [(c.number, c.heading) for c in reg.chapters][1] == (2, "农业技术推广体系")
    assert [a.number for a in reg.articles if a.chapter == 2] == list(range(10, 19))
    assert len(reg.inferred) == 1 and "第二章" in reg.inferred[0] and "农业技术推广体系" in reg.inferred[0]
    assert all(a.paragraphs[-1].text != "农业技术推广体系" for a in reg.articles)


def test_a_missing_chapter_without_its_heading_is_reported_not_guessed() -> None:
    reg = parse_regulation("测试法\n第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n")
    assert [c.number for c in reg.chapters] == [1, 3]
    assert reg.inferred and "第二章 is not printed" in reg.inferred[0]


def test_stray_spaces_inside_labels_are_read() -> None:
    reg = parse_regulation("测试法\n第 一 章 总则\n第一 条　甲。\n第 二 条 乙。\n")
    assert [(c.number, c.heading) for c in reg.chapters] == [(1, "总则")]
    assert [(a.number, a.text()) for a in reg.articles] == [(1, "甲。"), (2, "乙。")]


# ---------------------------------------------------------------- forms no collected decision prints
# (built from the NPC drafting forms: 第X句, 第X条之一, 增加一节, 增加三条，分别作为…)

BASE = (
    "测试条例\n第一章 总则\n第一条 甲。\n第二章 管理\n第一节 登记\n第二条 乙应当配合。丙可以参加。丁不得拒绝。\n"
    "第二节 检查\n第三条 依照本条例第二条执行。\n第三章 附则\n第四条 本条例自公布之日起施行。\n"
)


def _apply(instruction: str) -> str:
    return apply_decision_text(BASE, f"关于修改《测试条例》的决定\n一、{instruction}\n").text()


def test_sentence_level_edits() -> None:
    assert "第二条　乙应当配合。丙应当参加。丁不得拒绝。" in _apply("将第二条第二句修改为：“丙应当参加。”")
    assert "第二条　丙可以参加。丁不得拒绝。" in _apply("删去第二条第一句。")
    assert "第二条　乙应当配合。戊应当协助。丙可以参加。" in _apply("在第二条第一句后增加一句：“戊应当协助。”")
    with pytest.raises(InstructionError, match="第二条第五句 does not exist"):
        _apply("删去第二条第五句。")


def test_an_article_inserted_as_zhi_yi_renumbers_nothing() -> None:
    text = _apply("增加一条，作为第二条之一：“己应当报告。”")
    assert "第二条之一　己应当报告。\n第二节　检查\n第三条　依照本条例第二条执行。" in text


def test_several_articles_added_at_once() -> None:
    text = _apply("增加二条，分别作为第三条、第四条：\n“第三条　子。\n“第四条　丑。”")
    assert "第三条　子。\n第四条　丑。" in text and "第六条　本条例自公布之日起施行。" in text


def test_a_section_inserted_in_a_chapter() -> None:
    text = _apply("在第二章第一节后增加一节，作为第二节：\n“第二节　监督\n“第三条　丙。”")
    assert "第二节　监督\n第三条　丙。\n第三节　检查\n第四条　依照本条例第二条执行。" in text


def test_a_chapter_renamed() -> None:
    assert "第三章　附　则" in _apply("将第三章的章名修改为“附　则”。")


def test_a_paragraph_merged_away_can_still_be_named() -> None:
    base = "测试条例\n第一条 甲应当报告。\n乙应当配合。\n第二条 丙。\n"
    dec = (
        "关于修改《测试条例》的决定\n一、将第一条第一款、第二款合并为一款，修改为：“甲应当报告，乙应当配合。”\n"
        "二、在第一条第一款中的“报告”后增加“并公开”。\n"
    )
    assert "第一条　甲应当报告并公开，乙应当配合。" in apply_decision_text(base, dec).text()


def test_the_december_2024_state_council_decision_reads_in_every_part() -> None:
    dec = parse_decision(_read("sc2024b-decision.txt"))  # strict: 21 parts, every instruction reads
    amended = [i for i in dec.instructions if not any(o.action == "repeal_regulation" for o in i.ops)]
    assert [i.n for i in amended] == list(range(1, 22))
    assert len([i for i in dec.instructions if i not in amended]) == 4
    # 第六十六条、第六十九条分别改为第六十五条、第六十八条，并将其中的“卫生行政部门”修改为“疾病预防控制部门”
    toxic = dec.for_regulation("使用有毒物品作业场所劳动保护条例")[0]
    moved = [(o.target.article, o.new_number.article) for o in toxic.ops if o.action == "renumber" and o.new_number]
    assert (66, 65) in moved and (69, 68) in moved


def test_items_moved_into_a_new_paragraph() -> None:
    # 出版管理条例 第六十五条 (sc2024b-decision.txt, part 七): 增加一款，作为第二款：“…：”，原第六项修改为第二款
    # 第一项、原第七项修改为第二款第二项 — shown on a small article of the same shape.
    base = "测试条例\n第一条 甲。\n第二条 有下列行为之一的，处罚款：\n（一）子；\n（二）丑；\n（三）寅；\n（四）卯；\n（五）辰；\n（六）巳；\n（七）午。\n"
    dec = (
        "关于修改《测试条例》的决定\n一、将第二条中的“处罚款”修改为“处以罚款”。删去第三项。增加一款，作为第二款："
        "“有下列行为之一的，没收出版物：”，原第六项修改为第二款第一项、原第七项修改为第二款第二项。\n"
    )
    text = apply_decision_text(base, dec).text()
    assert "（三）卯；\n（四）辰。\n有下列行为之一的，没收出版物：\n（一）巳；\n（二）午。" in text


# ---------------------------------------------------------------- a provincial congress decision (上海 2022)


def test_other_amendments_delete_and_replace_an_expression_everywhere() -> None:
    # appoint-2022-decision.txt 十四、其他修改：删除第四条第二款；将条款中涉及“人事代表工作委员会”的表述统一
    # 修改为“人事任免工作委员会”；将“区、县”的表述统一修改为“区”。 — the last term has no article of its own:
    # 的表述 makes it the whole text, not the 第四条 just named.
    dec = parse_decision(_read("appoint-2022-decision.txt"))
    ops = dec.instructions[13].ops
    assert [(o.action, o.target, o.articles, o.old_term, o.new_term) for o in ops] == [
        ("delete", Target(article=4, paragraph=2), (), None, None),
        ("replace_term", Target(), (), "人事代表工作委员会", "人事任免工作委员会"),
        ("replace_term", Target(), (), "区、县", "区"),
    ]
    result = apply_decision_text(_read("appoint-2016-base.txt"), _read("appoint-2022-decision.txt"))
    text = result.text()
    assert "区、县" not in text and "人事代表工作委员会" not in text
    assert "在本市各区人民代表大会闭会期间，根据各区人大常委会的决定" in text  # 第二十七条第三款
    # 将条例中的“区、县”均修改为“区” (2024-12-31 decision, part 四) is the same whole-text scope.
    assert [(o.action, o.articles) for o in parse_instruction("将条例中的“区、县”均修改为“区”。")] == [
        ("replace_term", ())
    ]


def test_an_item_quoted_without_its_label_keeps_it() -> None:
    # 二、将第五条第一款第一项修改为：“在市长因故…代理市长。” — the republished item is （一）在市长…:
    # the engine keeps the label and `verify` compares the text under it.
    result = apply_decision_text(_read("appoint-2016-base.txt"), _read("appoint-2022-decision.txt"))
    art = result.regulation.article(5)
    assert art is not None
    assert art.paragraphs[0].items[0].text.startswith("在市长因故不能担任职务的时候，根据市人大常委会主任会议的提名")
    official = parse_regulation(_read("appoint-2022-consolidated.txt"))
    report = verify_decision(parse_decision(_read("appoint-2022-decision.txt")), {official.title: official})
    verdicts = {i["n"]: i["verdict"] for i in report["instructions"]}
    assert verdicts[2] == verdicts[5] == "match"
    # a planted change under the label is still reported
    planted = _read("appoint-2022-consolidated.txt").replace("从副市长中决定代理市长", "从副市长中决定代理")
    off2 = parse_regulation(planted)
    report = verify_decision(parse_decision(_read("appoint-2022-decision.txt")), {off2.title: off2})
    assert {i["n"]: i["verdict"] for i in report["instructions"]}[2] == "differs"


def test_an_item_added_to_a_list_of_full_stops_keeps_them() -> None:
    # 四、…增加一项作为第六项 in 第六条 (新第七条), whose items each end with 。: no ； appears.
    result = apply_decision_text(_read("appoint-2016-base.txt"), _read("appoint-2022-decision.txt"))
    art = result.regulation.article(7)
    assert art is not None
    items = art.paragraphs[0].items
    assert len(items) == 6 and all(it.text.endswith("。") for it in items)
    # a list of ；-ended items still moves its closing 。 to the appended item
    base = "测试条例\n第一条 下列人员：\n（一）甲；\n（二）乙。\n"
    dec = "关于修改《测试条例》的决定\n一、第一条增加一项作为第三项：“丙。”\n"
    assert "（二）乙；\n（三）丙。" in apply_decision_text(base, dec).text()


# ---------------------------------------------------------------- new text printed unquoted (上海 2024-12-31)


def test_new_text_on_the_lines_below_without_quotation_marks() -> None:
    # sh2024-decision.txt 二、1.将第九条修改为： then the article's lead and items on their own lines, unquoted;
    # 10.8 将第二十一条改为第十五条，第一款修改为：/ text / 删去第二款、第三款。 (a clause ends the text);
    # 九、2.将第七条第一项修改为：/ （一）… / 第三项修改为：/ （三）… (a clause, then text again).
    dec = parse_decision(_read("sh2024-decision.txt"), strict=False)
    av = dec.for_regulation("上海市音像制品管理条例")
    assert [o.action for o in av[0].ops] == ["replace"]
    assert av[0].ops[0].text == (
        "从事音像制品出版、制作、复制、批发和零售业务，应当具备下列条件：",
        "（一）有音像制品相关经营单位的名称、章程；",
        "（二）有确定的业务范围；",
        "（三）有适应业务范围需要的组织机构和人员；",
        "（四）有适应业务范围需要的资金、设备和场所；",
        "（五）法律、行政法规规定的其他条件。",
    )
    mat = dec.for_regulation("上海市建设工程材料管理条例")[7]
    assert [(o.action, o.target) for o in mat.ops] == [
        ("renumber", Target(article=21)),
        ("replace", Target(article=21, paragraph=1)),
        ("delete", Target(article=21, paragraph=2)),
        ("delete", Target(article=21, paragraph=3)),
    ]
    contract = dec.for_regulation("上海市合同格式条款监督条例")[1]
    assert [(o.target, o.text) for o in contract.ops] == [
        (Target(article=7, item=1), ("（一）违约金或者损害赔偿金超过法定数额或者合理数额。",)),
        (Target(article=7, item=3), ("（三）其他加重消费者责任的内容。",)),
    ]
    # The same text quoted reads the same (对部分条文作以下修改：（一）… stays sub-instructions: antimonopoly-2022).
    quoted = [(o.action, o.target, o.text) for o in parse_instruction("将第一条修改为：\n“甲。”\n“乙。”")]
    assert quoted == [(o.action, o.target, o.text) for o in parse_instruction("将第一条修改为：\n甲。\n乙。")]
    assert quoted == [("replace", Target(article=1), ("甲。", "乙。"))]


def test_three_articles_merged_into_one_and_the_rest_move_up() -> None:
    # 四、1.将第十一条、第十二条、第十三条合并为一条，作为第十一条，修改为：(unquoted) — 第十四条 becomes 第十二条,
    # 2.将第十六条改为第十四条 agrees, and 本条例第十九条 (twice) becomes 第十七条.
    result = apply_decision_text(_read("student-injury-2011-base.txt"), _read("sh2024-decision.txt"))
    reg = result.regulation
    assert len(reg.articles) == 26
    eleven = reg.article(11)
    assert eleven is not None
    assert eleven.text() == "学生伤害事故的责任人依照《中华人民共和国民法典》等法律的相关规定，承担相应责任。"
    fourteen = reg.article(14)
    assert fourteen is not None and fourteen.paragraphs[0].text.startswith("学生伤害事故发生后，学校应当立即启动")
    eighteen = reg.article(18)
    assert eighteen is not None and "本条例第十七条的规定" in eighteen.text()
    assert "区、县" not in result.text()
    # the other works' unreadable instructions are named in the notes, this work's are all applied
    assert sum("(another work) not read" in n for n in result.notes) == 2


def test_the_forms_of_the_other_parts_of_the_2024_shanghai_decision() -> None:
    dec = parse_decision(_read("sh2024-decision.txt"), strict=False)

    def ops(work: str, n: int) -> list[tuple[object, ...]]:
        ins = next(i for i in dec.for_regulation(work) if i.n == n)
        assert ins.error is None
        return [(o.action, o.target, o.articles, o.old_term, o.new_term, o.position, o.text) for o in ins.ops]

    a = Target
    # 一、2 (公路): 将第七条、第九条、第五十五条中的“甲”，第十七条、…中的“乙”，统一修改为“丙” — two places, one new term
    road = ops("上海市公路管理条例", 2)
    assert [o[3:5] for o in road[:2]] == [
        ("市交通、道路运输行政管理部门", "市交通行政管理部门"),
        ("市道路运输行政管理部门", "市交通行政管理部门"),
    ]
    assert road[0][2] == (a(article=7), a(article=9), a(article=55))
    assert road[1][2][:2] == (a(article=17), a(article=27, paragraph=1))
    # 五、1 (未成年人保护): 将第七条第一款款首修改为：(unquoted) — the lead of a paragraph with items
    assert ops("上海市未成年人保护条例", 1)[0][:2] == ("replace", a(article=7, paragraph=1))
    assert ops("上海市未成年人保护条例", 1)[0][5] == "lead"
    # 五、2: …，第二款、第三款修改为：(two unquoted paragraphs) — one replacement each
    minor = ops("上海市未成年人保护条例", 2)
    assert [(o[0], o[1]) for o in minor[1:]] == [
        ("replace", a(article=7, paragraph=2)),
        ("replace", a(article=7, paragraph=3)),
    ]
    assert minor[2][6] == ("乡镇人民政府、街道办事处负责落实本辖区内的未成年人保护工作。",)
    # 七、1 (张江): …修改为“科技”，款尾增加：“…” (the paragraph just named) · 八、1: 在第四十三条第一款款尾增加“…”
    zj = ops("上海市浦东新区促进张江生物医药产业创新高地建设规定", 1)
    assert zj[1][:6] == ("insert_term", a(), (a(article=5, paragraph=1),), None, zj[1][4], "end")
    assert ops("上海市检验检测条例", 1) == [
        ("insert_term", a(), (a(article=43, paragraph=1),), None, "情节严重的，依法吊销其资质许可证", "end", ())
    ]
    # 十、12 (建设工程材料): 在原第十一条中的“甲”后增加“乙” · 删去原第十二条第一款中的… — 原 names the base's numbering
    mat = ops("上海市建设工程材料管理条例", 12)
    assert mat[0][:6] == (
        "insert_term",
        a(),
        (a(article=11),),
        "建设工程材料生产单位应当",
        "按照国家和本市有关规定",
        "after",
    )
    assert mat[1][2] == (a(article=12, paragraph=1),)
    with pytest.raises(InstructionError, match="2 paragraphs but 1 quoted"):
        parse_instruction("第一款、第二款修改为：“甲。”")
