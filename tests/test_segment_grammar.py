"""Every printed form of ``gongbao/grammar/data/forms.json`` is recognised on its examples, and
the grammar is a leaf (no import of any other gongbao module)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gongbao.grammar
from gongbao.grammar import forms as F
from gongbao.grammar.history import is_history_line

_F = F.forms()


def _rows() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for ex in _F["document_kinds"]["examples"]:
        rows.append(("title_end", ex))
    for ex in _F["issuer_suffixes"]["examples"]:
        rows.append(("issuer", ex))
    for ex in _F["section_names"]["examples"]:
        rows.append(("section", ex))
    for ex in _F["masthead"]["name_examples"]:
        rows.append(("masthead", ex))
    for ex in _F["masthead"]["not_name_examples"]:
        rows.append(("not_masthead", ex))
    for ex in _F["masthead"]["issue_line_examples"]:
        rows.append(("issue_line", ex))
    for ex in _F["masthead"]["not_issue_line_examples"]:
        rows.append(("not_issue_line", ex))
    for ex in _F["furniture"]["decorated_page_examples"]:
        rows.append(("decorated_page", ex))
    for ex in _F["furniture"]["bare_number_examples"]:
        rows.append(("bare_number", ex))
    for ex in _F["furniture"]["divider_examples"]:
        rows.append(("divider", ex))
    for ex in _F["colophon"]["examples"]:
        rows.append(("colophon", ex))
    for ex in _F["toc_page"]["examples"]:
        rows.append(("toc_page", ex))
    for ex in _F["toc_head"]["examples"]:
        rows.append(("toc_head", ex))
    for ex in _F["jump_in"]["examples"]:
        rows.append(("jump_in", ex))
    for ex in _F["jump_out"]["examples"]:
        rows.append(("jump_out", ex))
    for ex in _F["addressee_classes"]["examples"]:
        rows.append(("addressee_class", ex))
    for ex in _F["addressee_classes"]["not_examples"]:
        rows.append(("not_addressee_class", ex))
    for ex in _F["addressee_kinds"]["examples"]:
        rows.append(("addressee_kind", ex))
    for ex in _F["addressee_kinds"]["not_examples"]:
        rows.append(("not_addressee_kind", ex))
    for ex in _F["history_line"]["examples"]:
        rows.append(("history_line", ex))
    for ex in _F["history_line"]["not_examples"]:
        rows.append(("not_history_line", ex))
    for ex in _F["publication_title"]["examples"]:
        rows.append(("publication", ex))
    for ex in _F["publication_title"]["not_examples"]:
        rows.append(("not_publication", ex))
    return rows


@pytest.mark.parametrize(("form", "example"), _rows())
def test_form_recognises_its_example(form: str, example: str) -> None:
    checks = {
        "title_end": lambda s: F.ends_like_title(s),
        "issuer": lambda s: any(s.endswith(w) for w in F.ISSUER_SUFFIXES),
        "section": lambda s: F.section_name(s) is not None,
        "masthead": F.is_masthead_name,
        "not_masthead": lambda s: not F.is_masthead_name(s),
        "issue_line": F.is_issue_line,
        "not_issue_line": lambda s: not F.is_issue_line(s),
        "decorated_page": F.is_decorated_page_number,
        "bare_number": F.is_bare_number,
        "divider": F.is_divider,
        "addressee_kind": F.is_addressee_kind,
        "not_addressee_kind": lambda s: not F.is_addressee_kind(s),
        "toc_page": lambda s: F.toc_page(s) is not None,
        "colophon": F.is_colophon_line,
        "toc_head": lambda s: bool(F.TOC_HEAD.fullmatch(F.squeeze(s))),
        "jump_in": lambda s: bool(F.JUMP_IN.match(s)),
        "jump_out": lambda s: bool(F.JUMP_OUT.search(s)),
        "addressee_class": F.is_addressee_class,
        "not_addressee_class": lambda s: not F.is_addressee_class(s),
        "history_line": is_history_line,
        "not_history_line": lambda s: not is_history_line(s),
        "publication": lambda s: bool(F.PUBLICATION_TITLE.match(s)),
        "not_publication": lambda s: not F.PUBLICATION_TITLE.match(s),
    }
    assert checks[form](example), f"{form} does not recognise {example!r}"


@pytest.mark.parametrize(
    ("line", "head", "page"),
    [
        ("关于中苏举行会谈的公报 ........................ (3)", "关于中苏举行会谈的公报", 3),
        ("系的联合宜言.............................. ( 5)", "系的联合宜言", 5),
        ("和国政府关于修建…的联合公报…… (10)", "和国政府关于修建…的联合公报", 10),
        ("关于加强管理的通知……（3）", "关于加强管理的通知", 3),
        ("国务院关于加强管理的通知\t（15）", "国务院关于加强管理的通知", 15),
        ("聊政字〔2024〕15 号 22", "聊政字〔2024〕15 号", 22),
        ("聊城市人民政府公报大事记（2024年11月） 85", "聊城市人民政府公报大事记（2024年11月）", 85),
    ],
)
def test_toc_page_splits_head_and_page(line: str, head: str, page: int) -> None:
    assert F.toc_page(line) == (head, page)


@pytest.mark.parametrize("line", ["关于印发2024年度工作方案的通知", "第十二条", "（一）加强领导"])
def test_toc_page_takes_no_page_from_a_title(line: str) -> None:
    assert F.toc_page(line) is None


def test_grammar_is_a_leaf() -> None:
    root = Path(gongbao.grammar.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gongbao"):
                assert node.module.startswith("gongbao.grammar"), f"{path.name} imports {node.module}"


def test_model_and_segment_do_not_import_extract() -> None:
    src = Path(gongbao.grammar.__file__).parent.parent
    for path in [src / "model.py", *sorted((src / "segment").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert "gongbao.extract" not in text, path


def test_printed_width_counts_full_and_half_width_characters() -> None:
    """A CJK character or a full-width space takes one full-width column, an ASCII one half."""
    from gongbao.grammar.lines import printed_width

    assert printed_width("聊城市人民政府") == 7
    assert printed_width("2024年第11期") == 6  # six digits (3) and 年第期 (3)
    assert printed_width("\u3000\u3000  ") == 3


@pytest.mark.parametrize(("a", "b", "same"), [tuple(x) for x in _F["place_abbreviations"]["examples"]])
def test_short_order_numbers_name_the_order_of_their_place(a: str, b: str, same: bool) -> None:
    from gongbao.grammar.docnumber import same_order_number

    assert same_order_number(a, b) is same and same_order_number(b, a) is same


@pytest.mark.parametrize(("line", "post", "name"), [tuple(x) for x in _F["signer_line"]["examples"]])
def test_signer_line_reads_post_and_name(line: str, post: str, name: str) -> None:
    from gongbao.grammar.lines import signer_line

    assert signer_line(line) == (post, name)


@pytest.mark.parametrize("line", _F["signer_line"]["not_examples"])
def test_signer_line_is_not_a_meeting_or_a_body(line: str) -> None:
    from gongbao.grammar.lines import signer_line

    assert signer_line(line) is None


@pytest.mark.parametrize(("lines", "bodies", "number"), [tuple(x) for x in _F["joint_order_header"]["examples"]])
def test_joint_order_header_names_every_body(lines: list[str], bodies: list[str], number: str) -> None:
    from gongbao.extract.issuer import normalize_body
    from gongbao.grammar.lines import joint_order_header

    found = joint_order_header(lines)
    assert found is not None and found[2] == len(lines)
    assert [normalize_body(b) for b in found[0]] == bodies and found[1] == number


@pytest.mark.parametrize("lines", [x[0] for x in _F["joint_order_header"]["not_examples"]])
def test_joint_order_header_not_one_body(lines: list[str]) -> None:
    from gongbao.grammar.lines import joint_order_header

    assert joint_order_header(lines) is None


@pytest.mark.parametrize(("title", "kind"), [tuple(r) for r in _F["item_kinds"]["examples"]])
def test_item_kind_examples(title: str, kind: str) -> None:
    from gongbao.extract.metadata import kind_from_title

    assert F.item_kind(title) == kind
    assert kind_from_title(title) == kind
