"""Items a modern gazette prints between its documents that are no instrument of the issuer
(政策解读, 征求意见 notices, 公示, 反馈情况说明): each is its own part of the issue, of its own kind,
glued to nothing, and a 解读 is never the document it explains.

``tests/data/gazettes/city-2024-nondocument-items-layout.txt`` is arranged from real texts
(locators in tests/data/gazettes/README.md); its ``.truth.json`` was written by reading the text
before gongbao ran.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongbao.pipeline import parse_path, parse_text

DATA = Path(__file__).parent / "data" / "gazettes"
# with 【】 sections and banners; without them (a 解读 right after its notice on one page);
# the latter without its 目录 (items found by their titles alone)
NAMES = [
    "city-2024-nondocument-items-layout",
    "city-2024-nondocument-items-nobanner-layout",
    "city-2024-nondocument-items-notoc-layout",
]
TRUTH = json.loads((DATA / f"{NAMES[0]}.truth.json").read_text(encoding="utf-8"))


def _issue(name: str = NAMES[0]):
    return parse_path(DATA / f"{name}.txt")


@pytest.mark.parametrize("name", NAMES)
def test_every_item_its_own_part_with_its_kind(name: str) -> None:
    issue = _issue(name)
    want = TRUTH["documents"]
    assert [d.title for d in issue.documents] == [w["title"] for w in want]
    assert [d.doc_number for d in issue.documents] == [w["doc_number"] for w in want]
    kinds = [w["kind"].split(" ")[0] for w in want]
    assert [d.kind for d in issue.documents] == kinds
    assert [d.issuers for d in issue.documents] == [w["issuers"] for w in want]
    assert [d.signed_date.isoformat() if d.signed_date else None for d in issue.documents] == [
        w.get("signed") for w in want
    ]
    assert issue.warnings == []


@pytest.mark.parametrize("name", NAMES)
def test_nothing_glued_and_the_explanation_is_not_the_decision(name: str) -> None:
    issue = _issue(name)
    for d, w in zip(issue.documents, TRUTH["documents"], strict=True):
        text = "".join(d.text.split())
        assert text.startswith(w["title"][:12]), text[:40]
        assert w["body_first"] in text
        assert w["body_last"] in text[-120:], text[-80:]
        # no other item's title inside this one
        for other in TRUTH["documents"]:
            if other is not w:
                assert other["title"] not in text
    explanation = issue.documents[1]
    assert explanation.kind == "解读"
    assert explanation.title.endswith("政策解读") and explanation.title.startswith("《")
    assert not any(d.title == "安阳市人民政府关于公布市政府行政规范性文件清理结果的决定" for d in issue.documents)
    assert all(not d.repeals and not d.amends for d in issue.documents)


def test_toc_entry_wrapped_under_a_title_reading_as_complete() -> None:
    issue = _issue()
    got = [(e.section, e.title, e.page) for e in issue.toc]
    assert got == [(w["section"], w["title"], w["page"]) for w in TRUTH["toc_entries"]]
    assert sorted(d.toc_index for d in issue.documents) == list(range(len(issue.toc)))


def test_indented_line_wraps_only_under_a_flush_left_title() -> None:
    # issuers indented under the title, with the page: still the entry's issuers, not its title
    issue = parse_text(
        "某某公报\n2024年第1期\n\n目　　录\n\n"
        "甲市人民政府关于印发甲市某某办法的通知……………2\n"
        "国家发展和改革委员会关于某某问题的通知\n　财政部　司法部……………3\n\n"
        "甲市人民政府\n关于印发甲市某某办法的通知\n\n各区人民政府：\n　　现将办法印发给你们。\n\n"
        "甲市人民政府\n2024年1月1日\n— 2 —\n\n"
        "国家发展和改革委员会关于某某问题的通知\n\n各省人民政府：\n　　特此通知。\n\n国家发展和改革委员会\n2024年1月2日\n"
    )
    assert [e.title for e in issue.toc][-1] == "国家发展和改革委员会关于某某问题的通知"
    assert issue.toc[-1].page == 3


def test_masthead_date_line_is_no_document() -> None:
    issue = _issue(NAMES[2])
    assert issue.masthead.date is not None and issue.masthead.date.isoformat() == "2024-12-31"
    assert not any("出版" in d.title for d in issue.documents)


def _items(annex: str, after: str) -> list[str]:
    issue = parse_text(
        "甲市人民政府公报\n2024年第1期\n\n"
        "关于甲市部分道路拟命名的公示\n\n"
        "　　现将甲区申报的3条道路命名的情况（见附表）予以公示。公示时间为2024年12月6日至12月14日。\n"
        f"　　{annex}\n\n{after}\n\n"
        "　　《甲市某某办法》（征求意见稿）于2020年6月10日至2020年6月23日公开征求意见。\n"
        "　　特此说明。\n\n甲市司法局\n2020年6月25日\n"
    )
    return [d.title for d in issue.documents]


def test_item_after_an_inline_named_attachment_starts_on_its_own() -> None:
    titles = _items("附件：甲区拟命名道路基本情况表", "《甲市某某办法》（征求意见稿）征求社会公众意见反馈情况说明")
    assert titles == ["关于甲市部分道路拟命名的公示", "《甲市某某办法》（征求意见稿）征求社会公众意见反馈情况说明"]


def test_the_named_attachment_itself_stays_in_its_document() -> None:
    titles = _items("附件：甲区拟命名道路情况说明", "甲区拟命名道路情况说明")
    assert titles == ["关于甲市部分道路拟命名的公示"]


CUSTOMS = json.loads((DATA / "ministry-2024-customs-items-layout.truth.json").read_text(encoding="utf-8"))


def test_ministry_wengao_items() -> None:
    """海关总署文告: its name and running heads read as a gazette's (文告); a numbered 公告 titled by
    the subject printed in brackets under its number; a consultation's feedback after its
    signature on the same page, and a 解读 not issued by the five bodies of the 公告 it explains."""
    issue = parse_path(DATA / "ministry-2024-customs-items-layout.txt")
    assert issue.masthead.gazette == "海关总署文告"
    want = CUSTOMS["documents"]
    assert [d.title for d in issue.documents] == [w["title"] for w in want]
    assert [d.kind for d in issue.documents] == [w["kind"].split(" ")[0] for w in want]
    assert [d.doc_number for d in issue.documents] == [w["doc_number"] for w in want]
    assert [d.issuers for d in issue.documents] == [w["issuers"] for w in want]
    notice, feedback, explanation = issue.documents
    assert notice.signed_date is not None and notice.signed_date.isoformat() == "2023-12-29"
    assert notice.effective_date is not None and notice.effective_date.isoformat() == "2024-02-01"
    assert "公开征求社会意见情况的反馈" not in notice.text
    assert feedback.text.rstrip().endswith("感谢社会各界对海关工作的关心支持！")
    assert explanation.text.rstrip().endswith("制作单位：海关总署口岸监管司")
    assert all(d.effective_date is None and not d.repeals and not d.amends for d in (feedback, explanation))
    assert [e.page for e in issue.toc] == [2, 2, 3]
    assert issue.warnings == []


def test_an_explanation_takes_no_effect_of_its_own() -> None:
    """A 答记者问 (an explanation: kind 解读) reporting the date its instrument takes effect: the
    date is the instrument's, not the explanation's. Sentence and title from a real news report
    of 中新经纬 (2021-05-07) stored in a public repository (index file id 34463055788): 此外，中国银保监会
    有关部门负责人就《银行保险机构许可证管理办法》答记者问 / 银保监会指出，《办法》自2021年7月1日起施行。…"""
    issue = parse_text(
        "某某公报\n2021年第5期\n\n"
        "中国银保监会有关部门负责人就《银行保险机构许可证管理办法》答记者问\n\n"
        "　　银保监会指出，《办法》自2021年7月1日起施行。下一步，我会将稳妥开展存量金融许可证和保险类许可证"
        "换发工作，督促银行保险机构加强许可证管理，依法合规开展经营活动。\n"
    )
    (doc,) = issue.documents
    assert doc.kind == "解读"
    assert doc.effective_date is None and doc.expiry_date is None
    assert not doc.repeals and not doc.amends
    assert any(r.title == "银行保险机构许可证管理办法" for r in doc.cites)


ZHUZHOU = (
    "　　1月31日下午，市长陈恢清主持召开市政府常务会议，传达贯彻习近平总书记近期重要讲话精神，邀请法律专家授课，"
    "研究2022年《政府工作报告》重点任务落实、市政基础设施建设、交通“治提增”行动等工作。"
)


def test_untitled_news_under_a_section_banner_is_its_own_item() -> None:
    """A 【政务信息】 banner after a document's signature, over a news paragraph with no title of its
    own: the paragraph is an item of kind 政务信息, not the end of the 说明 above. The paragraph is
    the real 会议摘要 of 株洲市人民政府's meeting of 2023-01-31 (stored page
    https://bourgeoisiewine.com/www/c15129/index, a mirror of its 市政府常务会议 column)."""
    text = (DATA / f"{NAMES[2]}.txt").read_text(encoding="utf-8").rstrip()
    text = text.rsplit("\n", 1)[0] + f"\n\n【政务信息】\n\n{ZHUZHOU}\n\n— 3 —\n"
    issue = parse_text(text)
    assert [d.kind for d in issue.documents] == ["通知", "解读", "通知", "公示", "说明", "政务信息"]
    assert issue.documents[4].text.rstrip().endswith("2020年6月25日")
    assert issue.documents[5].title == "政务信息"
    assert issue.documents[5].text.startswith("1月31日下午，市长陈恢清主持召开市政府常务会议")
    assert issue.warnings == []
