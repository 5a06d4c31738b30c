"""Bad and unusual input: clear one-line errors (exit 2) or a correct parse; never a traceback or a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongbao.errors import InputError
from gongbao.model import Residue
from gongbao.normalize import normalize_lines, normalize_text
from gongbao.pipeline import parse_path, parse_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongbao.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x00\x01\x02binary\x00data" * 20, "binary file"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
        (b"\x80\x81\xfe\xfd\xff" * 50, "not UTF-8 or GB18030"),
        (b"\xff\xfe" + ("\ue000\ue123\uf000" * 100).encode("utf-16-le"), "readable text"),
    ],
    ids=["empty", "blank", "binary", "truncated-pdf", "undecodable", "utf16-garbage"],
)
def test_bad_input_is_one_line_error_exit_2(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    res = run_cli("parse", str(f))
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in res.stderr
    assert str(f) in lines[0] and message in lines[0]


def test_missing_file_names_it(tmp_path):
    res = run_cli("parse", str(tmp_path / "nope.txt"))
    assert res.returncode == 2 and "no such file" in res.stderr


def test_gbk_bom_and_crlf_give_the_same_documents(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    base = parse_path(SAMPLE)
    variants = {
        "gb18030.txt": text.encode("gb18030"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        f = tmp_path / name
        f.write_bytes(data)
        issue = parse_path(f)
        assert [d.ref for d in issue.documents] == [d.ref for d in base.documents], name
        assert [d.text for d in issue.documents] == [d.text for d in base.documents], name


def test_full_width_digits_read_as_digits(tmp_path):
    """A Word or OCR copy printing ２０２４年 and 聊政字〔２０２４〕１５号: the same documents, 文号 and
    dates, and the folding recorded as changes of kind ``width``."""
    text = SAMPLE.read_text(encoding="utf-8")
    wide = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert wide != text
    base, issue = parse_text(text), parse_text(wide)
    assert [d.ref for d in issue.documents] == [d.ref for d in base.documents]
    assert [d.signed_date for d in issue.documents] == [d.signed_date for d in base.documents]
    assert [d.text for d in issue.documents] == [d.text for d in base.documents]
    assert sum(1 for c in issue.changes if c.kind == "width") == sum(ch.isdigit() and ch.isascii() for ch in text)


def test_single_document_without_toc():
    text = (
        "聊城市人民政府办公室\n\n聊政办字〔2025〕3号\n\n聊城市人民政府办公室关于做好冬季供暖工作的通知\n\n"
        "各县（市、区）人民政府，市属开发区管委会：\n\n一、提高认识\n\n各级要高度重视供暖工作，确保群众温暖过冬。\n\n"
        "二、压实责任\n\n供热企业应当在11月15日前全面供暖。\n\n本通知自印发之日起施行。\n\n"
        "聊城市人民政府办公室\n\n2025年1月6日\n"
    )
    issue = parse_text(text)
    assert len(issue.documents) == 1
    d = issue.documents[0]
    assert d.doc_number == "聊政办字〔2025〕3号"
    assert d.kind == "通知"
    assert d.signed_date is not None and d.signed_date.isoformat() == "2025-01-06"
    assert d.effective_date == d.signed_date
    assert d.counts["top_sections"] == 2


def test_documents_one_after_another_without_toc():
    text = (
        "济南市人民政府\n济政字〔2023〕1号\n济南市人民政府关于甲事项的通知\n各区县人民政府：\n现就甲事项通知如下。\n"
        "济南市人民政府\n2023年1月3日\n"
        "济南市人民政府办公厅\n济政办字〔2023〕2号\n济南市人民政府办公厅关于乙事项的意见\n各区县人民政府：\n一、总体要求\n做好乙事项。\n"
        "济南市人民政府办公厅\n2023年2月3日\n"
    )
    issue = parse_text(text)
    assert [d.doc_number for d in issue.documents] == ["济政字〔2023〕1号", "济政办字〔2023〕2号"]
    assert [d.kind for d in issue.documents] == ["通知", "意见"]
    assert issue.documents[1].issuer == "济南市人民政府办公厅"


def test_state_council_order_header():
    text = (
        "中华人民共和国国务院令\n第 797 号\n《某某管理条例》已经2024年12月6日国务院第48次常务会议通过，现予公布，自2025年3月1日起施行。\n"
        "总理 李强\n2024年12月20日\n某某管理条例\n第一章 总则\n第一条 为了规范某某管理，制定本条例。\n第二条 本条例自2025年3月1日起施行。\n"
    )
    issue = parse_text(text)
    d = issue.documents[0]
    assert d.doc_number == "中华人民共和国国务院令第797号"
    assert d.kind == "令"
    assert d.title == "某某管理条例"
    assert d.effective_date is not None and d.effective_date.isoformat() == "2025-03-01"


def test_toc_without_page_numbers():
    text = (
        "某市人民政府公报\n2025年第1期\n目录\n关于甲事项的通知\n某政字〔2025〕1号\n关于乙事项的意见\n某政字〔2025〕2号\n"
        "某市人民政府\n某政字〔2025〕1号\n某市人民政府关于甲事项的通知\n各区人民政府：\n现通知如下。\n某市人民政府\n2025年1月2日\n"
        "某市人民政府\n某政字〔2025〕2号\n某市人民政府关于乙事项的意见\n各区人民政府：\n一、总体要求\n抓好落实。\n某市人民政府\n2025年1月3日\n"
    )
    issue = parse_text(text)
    assert [(e.title, e.doc_number, e.page) for e in issue.toc] == [
        ("关于甲事项的通知", "某政字〔2025〕1号", None),
        ("关于乙事项的意见", "某政字〔2025〕2号", None),
    ]
    assert [d.toc_index for d in issue.documents] == [0, 1]
    assert issue.masthead.year == 2025 and issue.masthead.issue_numbers == [1]


def test_regulation_with_sections_counts_articles():
    text = (
        "某省某某条例\n（2020年1月1日某省人民代表大会常务委员会公布）\n第一章 总则\n第一条 为了某事，制定本条例。\n"
        "第二章 管理\n第一节 一般规定\n第二条 应当管理。\n第二节 特别规定\n第三条 应当特别管理。\n第三章 附则\n"
        "第四条 本条例自2020年3月1日起施行。\n"
    )
    issue = parse_text(text)
    d = issue.documents[0]
    assert d.kind == "地方性法规" and d.title == "某省某某条例"
    assert d.counts["chapters"] == 3 and d.counts["articles"] == 4
    assert d.effective_date is not None and d.effective_date.isoformat() == "2020-03-01"


def test_big_file_is_linear(tmp_path):
    """A ~5 MB file (the sample 17 times) parses without pathological slowdown."""
    text = SAMPLE.read_text(encoding="utf-8")
    f = tmp_path / "big.txt"
    f.write_text(text * 17, encoding="utf-8")
    issue = parse_path(f)
    assert len(issue.documents) >= 23


# ---- properties


_alphabet = st.sampled_from(
    list(
        "第一二三十条章节款项目（）()、，。；：“”《》〔〕123 45号年月日\n\n-△附件略通知办法聊城市人民政府办公室上接下转页"
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_alphabet, min_size=0, max_size=400))
def test_every_visible_character_is_in_one_document_or_residue(text):
    if not text.strip():
        return
    try:
        issue = parse_text(text)
    except InputError:
        return
    owner = [0] * len(issue.source)
    for n, d in enumerate(issue.documents, start=1):
        for s in d.spans():
            for i in range(s.start, s.end):
                assert owner[i] == 0
                owner[i] = n
    for r in issue.residue:
        for i in range(r.start, r.end):
            assert owner[i] == 0
            owner[i] = -1
    assert all(owner[i] != 0 for i, c in enumerate(issue.source) if not c.isspace())


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_normalized_lines_map_back_into_their_source_line(text):
    for ln in normalize_lines(text):
        for s in ln.mt.source_spans():
            assert ln.start <= s.start <= s.end <= ln.end


def _make_pdf(path: Path, lines: list[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.27, 11.69))
    for k, line in enumerate(lines):
        fig.text(0.1, 0.9 - k * 0.05, line, fontsize=12)
    fig.savefig(path, format="pdf")
    plt.close(fig)


def test_pdf_text_is_extracted_and_parsed(tmp_path):
    f = tmp_path / "doc.pdf"
    _make_pdf(f, ["Regulation on Testing", "Article 1 This is the first article.", "2024-01-01"])
    issue = parse_path(f)
    assert "Article 1 This is the first article." in issue.documents[0].text


def test_truncated_pdf_is_a_clear_error(tmp_path):
    f = tmp_path / "doc.pdf"
    _make_pdf(f, ["Regulation on Testing", "Article 1 Text."])
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 3])
    res = run_cli("parse", str(f))
    assert res.returncode == 2 and str(f) in res.stderr and "Traceback" not in res.stderr


def test_page_furniture_and_inline_toc_numbers():
    """A PDF-like issue: running heads and page numbers between pages; TOC with 文号 in brackets."""
    text = (
        "某市人民政府公报\n2025年第2期\n目录\n◎ 市政府文件\n关于甲事项的通知（某政字〔2025〕5号）……3\n"
        "关于乙事项的通告……5\n"
        "某市人民政府\n某政字〔2025〕5号\n某市人民政府关于甲事项的通知\n各区人民政府：\n一、总体要求\n"
        "各区要按照职责做好甲事项，确保\n— 3 —\n某市人民政府公报\n◎ 市政府文件\n按期完成。\n某市人民政府\n2025年2月1日\n"
        "某市人民政府关于乙事项的通告\n各有关单位：\n本通告自发布之日起施行。\n某市人民政府\n2025年2月3日\n"
    )
    issue = parse_text(text)
    assert [(e.title, e.doc_number, e.page) for e in issue.toc] == [
        ("关于甲事项的通知", "某政字〔2025〕5号", 3),
        ("关于乙事项的通告", None, 5),
    ]
    first, second = issue.documents
    assert "确保按期完成。" in first.text
    assert {r.reason for r in issue.residue} >= {"page_furniture"}
    assert second.doc_number is None and second.kind == "通告" and second.toc_index == 1
    assert second.effective_date is not None and second.effective_date.isoformat() == "2025-02-03"


def test_national_gazette_title_then_number_shape():
    """国务院公报 prints the title first and the 文号 under it; its TOC has no 文号 lines."""
    text = (
        "中华人民共和国国务院公报\n2024年第30号\n目录\n国务院文件\n"
        "国务院关于甲工作的意见……………………4\n国务院办公厅关于乙工作的通知……………………9\n"
        "国务院关于甲工作的意见\n国发〔2024〕21号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "为做好甲工作，提出以下意见。\n一、总体要求\n坚持稳中求进。\n二、重点任务\n抓好落实。\n国务院\n2024年10月8日\n"
        "国务院办公厅关于乙工作的通知\n国办发〔2024〕45号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "经国务院同意，现就乙工作通知如下。\n本通知自印发之日起施行。\n国务院办公厅\n2024年10月12日\n"
    )
    issue = parse_text(text)
    assert [(e.title, e.page) for e in issue.toc] == [
        ("国务院关于甲工作的意见", 4),
        ("国务院办公厅关于乙工作的通知", 9),
    ]
    assert [(d.doc_number, d.kind, d.issuer, d.toc_index) for d in issue.documents] == [
        ("国发〔2024〕21号", "意见", "国务院", 0),  # issuer from the signature (and the title) (#11)
        ("国办发〔2024〕45号", "通知", "国务院办公厅", 1),
    ]
    first, second = issue.documents
    assert first.counts["top_sections"] == 2
    assert first.signed_date is not None and first.signed_date.isoformat() == "2024-10-08"
    assert second.effective_date is not None and second.effective_date.isoformat() == "2024-10-12"


def test_jump_fragment_without_toc_pages_goes_to_the_open_document():
    text = (
        "某市人民政府\n某政字〔2025〕7号\n某市人民政府关于甲工作的通知\n各区人民政府：\n"
        "一、总体要求\n各区要加强组织领导，落实工作责（下转第9页）\n"
        "某市人民政府\n某政字〔2025〕8号\n某市人民政府关于乙工作的通知\n各区人民政府：\n乙工作按计划推进。\n"
        "某市人民政府\n2025年3月2日\n"
        "（上接第4页）任，确保按期完成。\n二、保障措施\n加强督导。\n某市人民政府\n2025年3月1日\n"
    )
    issue = parse_text(text)
    first, second = issue.documents
    assert "落实工作责任，确保按期完成。" in first.text
    assert "二、保障措施" in first.text and "二、保障措施" not in second.text
    assert first.signed_date is not None and first.signed_date.isoformat() == "2025-03-01"
    assert [f.marker for f in first.fragments] == ["上接第4页"]
    assert {r.reason for r in issue.residue} == {"marker"}


def test_more_jump_markers_than_any_issue_prints_are_not_followed():
    """Past ``MAX_JUMPS`` jump-in markers (no gazette prints a thousand) none is followed: every
    marker is residue ``marker``, the text stays where it is printed, one ``jumps_not_followed``
    warning says so, and nothing is lost or doubled. Under the limit the same units are followed."""
    from gongbao.segment.documents import MAX_JUMPS

    head = "某市人民政府\n某政字〔2025〕7号\n某市人民政府关于甲工作的通知\n各区人民政府：\n"
    unit = "落实工作责（下转第9页）\n（上接第4页）任，确保按期完成。\n"
    few = parse_text(head + unit * 3)
    assert len(few.documents[0].fragments) == 3
    assert not [w for w in few.warnings if w.code == "jumps_not_followed"]
    many = parse_text(head + unit * (MAX_JUMPS + 1))
    (doc,) = many.documents
    assert doc.fragments == []
    assert doc.text.count("落实工作责任，确保按期完成。") == MAX_JUMPS + 1  # each broken line joined in place
    assert [w.line for w in many.warnings if w.code == "jumps_not_followed"] == [6]
    markers = [many.source[r.start : r.end] for r in many.residue if r.reason == "marker"]
    assert len(markers) == 2 * (MAX_JUMPS + 1)
    assert set(markers) == {"（下转第9页）", "（上接第4页）"}
    assert not [w for w in many.warnings if w.code in ("unassigned_text", "doubled_text")]


def test_hard_wrapped_lines_and_wrapped_cross_references():
    """Text extracted one printed line per line: sentences re-joined, 第X条 references not articles."""
    text = (
        "某省人民政府办公厅关于加强某某管理工\n作的通知\n某政办发〔2025〕3号\n各市人民政府：\n"
        "一、严格执法。违反本办法\n第十二条规定的，由主管部门\n依法处理。\n二、加强宣传。\n"
        "某省人民政府办公厅\n2025年4月1日\n"
    )
    issue = parse_text(text)
    (d,) = issue.documents
    assert d.title == "某省人民政府办公厅关于加强某某管理工作的通知"
    assert "违反本办法第十二条规定的，由主管部门依法处理。" in d.text
    assert d.counts["top_sections"] == 2 and d.counts["articles"] == 0


def test_chapters_over_an_outline_and_the_enacting_formula():
    """工作规则 print 第一章 over 一、二、 items; 根据《宪法》…制定本规则 names the basis."""
    text = (
        "某县人民政府\n某政发〔2024〕7号\n某县人民政府关于印发某县人民政府工作规则的通知\n各镇人民政府：\n"
        "现将《某县人民政府工作规则》印发给你们，请认真遵照执行。\n某县人民政府\n2024年4月6日\n某县人民政府工作规则\n"
        "第一章总则\n一、根据《中华人民共和国宪法》，结合本县实际，制定本规则。\n二、县政府坚持依法行政。\n"
        "第二章 组成人员\n三、县政府由县长、副县长组成。\n"
    )
    (d,) = parse_text(text).documents
    assert d.counts == {"chapters": 2, "articles": 0, "top_sections": 3}
    assert [r.title for r in d.legal_basis] == ["中华人民共和国宪法"]
    chapter_two = next(n for n in d.body.walk() if n.eid == "chp_2")
    assert [c.eid for c in chapter_two.children] == ["chp_2__lvl_3"]


def test_offsets_are_into_the_file_as_python_reads_it_bom_included(tmp_path):
    """Issue #10 item 3: ``open(path).read()`` keeps a UTF-8 BOM as its first character; every
    offset gongbao reports indexes that string, and the BOM itself is residue ``bom``."""
    text = SAMPLE.read_text(encoding="utf-8")
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    as_python_reads = open(f, encoding="utf-8").read()  # the reader the issue names
    assert as_python_reads[0] == "\ufeff"
    issue = parse_path(f)
    plain = parse_path(SAMPLE)
    assert issue.source == as_python_reads
    assert [r for r in issue.residue if r.reason == "bom"] == [Residue(0, 1, "bom")]
    for d, p in zip(issue.documents, plain.documents, strict=True):
        assert [(s.start, s.end) for s in d.spans()] == [(s.start + 1, s.end + 1) for s in p.spans()]
        first = d.spans()[0]
        assert as_python_reads[first.start : first.end] == text[first.start - 1 : first.end - 1]
    assert not [w for w in issue.warnings if getattr(w, "code", "") in ("unassigned_text", "doubled_text")]


def test_header_lines_with_no_text_under_them_are_not_documents():
    """A 文号 line followed right away by another header has no text: it is not a document.
    Its text is residue ``unassigned`` with a coded warning (never silent, nothing lost), and
    a hostile text of bare 文号 lines does not become one small document per line."""
    numbers = "".join(f"国发〔2024〕{k}号\n" for k in range(1, 201))
    body = "国务院关于甲工作的通知\n国发〔2024〕300号\n各省、自治区、直辖市人民政府：\n现就甲工作通知如下。\n国务院\n2024年10月8日\n"
    issue = parse_text(body + numbers)
    # the last 文号 has nothing under it either: no title, no issuer, no sentence
    assert [d.doc_number for d in issue.documents] == ["国发〔2024〕300号"]
    assert issue.documents[0].title == "国务院关于甲工作的通知"
    assert issue.documents[0].text.endswith("现就甲工作通知如下。\n国务院\n2024年10月8日")
    unassigned = [r for r in issue.residue if r.reason == "unassigned"]
    assert len(unassigned) == 1
    assert issue.source[unassigned[0].start : unassigned[0].end] == numbers.strip()
    warned = [w for w in issue.warnings if w.code == "unassigned_text"]
    assert len(warned) == 1 and warned[0].line == 7


def test_a_bare_doc_number_is_a_document_only_with_text_under_it():
    """A 文号 with no title and no issuer starts a document when a sentence or a date follows
    it (a title lost in a scan: the document is still there); with only labels, markers and
    fragments under it (国发〔2024〕1号 / （关于《某事项 / 第一条 / 下转第1页) nothing reads as a document:
    its lines are residue ``unassigned`` with a warning, and a hostile MB of such units costs
    no document each."""
    lost_title = "国发〔2024〕7号\n各省、自治区、直辖市人民政府：\n现将有关事项通知如下。\n国务院\n2024年3月1日\n"
    issue = parse_text(lost_title)
    assert [d.doc_number for d in issue.documents] == ["国发〔2024〕7号"]
    unit = "国发〔2024〕1号\n（关于《某事项\n第一条\n下转第1页\n"
    issue = parse_text(lost_title + unit * 50)
    assert [d.doc_number for d in issue.documents] == ["国发〔2024〕7号"]
    assert issue.documents[0].text.endswith("2024年3月1日")
    unassigned = [r for r in issue.residue if r.reason == "unassigned"]
    assert [issue.source[r.start : r.end] for r in unassigned] == [(unit * 50).strip()]
    assert [w.line for w in issue.warnings if w.code == "unassigned_text"] == [6]


def test_pair_counts_stay_exact_when_many_pairs_are_asked_for():
    """The character joins weighed after jump markers are counted in the whole issue; past a
    few hundred distinct pairs (hostile input) they are counted in one pass, with the same
    answers as ``str.count`` (a run 的的的 holds 的的 once, as ``str.count`` sees it)."""
    from gongbao.segment import _pair_counts

    source = "".join(chr(0x4E00 + (k * 7919) % 3000) for k in range(5000)) + "的的的的的" + "\n上接\n"
    counts = _pair_counts(source)
    asked = [source[k : k + 2] for k in range(0, len(source) - 1, 3)] + ["的的", "接上", "\n上", "无有"]
    assert len(set(asked)) > 300
    assert [counts[p] for p in asked] == [source.count(p) for p in asked]


def test_a_scanned_page_in_a_text_pdf_is_said(tmp_path):
    """A text PDF with one page that is only an image (text rasterized: what a scanned page is)
    and one blank page: the scanned page is named with its line, the blank page is not."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    f = tmp_path / "issue.pdf"
    with PdfPages(f) as pdf:
        pages = [
            ("Regulation on Testing", False),
            ("Article 2 Printed as an image.", True),
            ("", False),
            ("Article 3 Text.", False),
        ]
        for line, image in pages:
            fig = plt.figure(figsize=(8.27, 11.69))
            if line:
                fig.text(0.1, 0.9, line, fontsize=12, rasterized=image)
            if image:
                fig.figimage([[0.0, 1.0], [1.0, 0.0]], xo=10, yo=10)  # the scan itself
            pdf.savefig(fig)
            plt.close(fig)
    issue = parse_path(f)
    scanned = [w for w in issue.warnings if getattr(w, "code", "") == "page_scanned"]
    assert [w.message.split(" is ")[0] for w in scanned] == ["page 2"]
    assert scanned[0].line is not None and issue.source.split("\n")[scanned[0].line - 1] == ""
    assert "Printed as an image" not in issue.source
