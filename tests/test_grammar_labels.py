"""Label and reference forms of ``gongbao.grammar.labels`` beyond their printed examples (those are
in ``test_grammar_examples.py``): plan outline levels, groups, brackets, and the vocabulary of
responsibility clauses."""

from __future__ import annotations

import re

import pytest

from gongbao.grammar import labels as L

_X = L.examples()


@pytest.mark.parametrize(("level", "text"), [tuple(x) for x in _X["plan_outline"]["examples"]])
def test_plan_outline_level(level: int, text: str) -> None:
    found = [lv for lv, rx in L.PLAN_OUTLINE if rx.match(text)]
    assert found[:1] == [level], text


@pytest.mark.parametrize("text", _X["role_clauses"]["examples"])
def test_role_clause_starts_with_a_keyword(text: str) -> None:
    assert re.match(rf"[（(【]\s*{L.ROLE_WORD}", text)


def test_role_words_name_a_role() -> None:
    assert set(L.ROLE_WORDS.values()) == {"lead", "cooperating", "responsible"}
    assert L.ROLE_WORDS["牵头单位"] == "lead" and L.ROLE_WORDS["配合单位"] == "cooperating"


@pytest.mark.parametrize(
    ("line", "number", "sub", "rest"),
    [
        ("第 二 条 乙。", "二", None, "乙。"),
        ("第二条之一　己应当报告。", "二", "一", "己应当报告。"),
        ("第十 条", "十", None, ""),
    ],
)
def test_spaced_article_line_groups(line: str, number: str, sub: str | None, rest: str) -> None:
    m = L.ARTICLE_LINE_SPACED.match(line)
    assert m is not None
    assert (L.label_number(m.group(1)), m.group(2), m.group(3)) == (number, sub, rest)


def test_citation_groups() -> None:
    m = L.CITATION.fullmatch("第三章第二节第十条之一第二款第(三)项第1目第二句")
    assert m is not None
    assert m.groupdict() == {
        "chapter": "三",
        "section": "二",
        "article": "十",
        "sub": "一",
        "paragraph": "二",
        "item": "三",
        "subitem": "1",
        "sentence": "二",
    }


@pytest.mark.parametrize(("name", "seps", "keep", "text", "pieces"), [tuple(x) for x in _X["brackets"]["examples"]])
def test_split_outside_brackets(name: str, seps: str, keep: bool, text: str, pieces: list[str]) -> None:
    from gongbao.grammar import brackets as B

    assert B.split_outside(text, seps, brackets=getattr(B, name), keep=keep) == pieces


def test_split_outside_keeps_empty_pieces_and_ignores_a_stray_closer() -> None:
    from gongbao.grammar.brackets import split_outside

    assert split_outside("甲、、乙", "、") == ["甲", "", "乙"]
    assert split_outside("甲）、乙", "、") == ["甲）", "乙"]
    assert split_outside("甲。乙。", "。", keep=True) == ["甲。", "乙。", ""]


def _division_examples() -> list[tuple[str, dict[str, list[str]]]]:
    import json
    from importlib import resources

    data = json.loads(resources.files("gongbao.grammar").joinpath("data/roles.json").read_text(encoding="utf-8"))
    return [(text, roles) for text, roles in data["division"]["examples"]]


@pytest.mark.parametrize(("text", "roles"), _division_examples())
def test_division_paragraph_example_is_a_task_clause(text: str, roles: dict[str, list[str]]) -> None:
    from gongbao.extract.tasks import extract_tasks_from_text

    (task,) = extract_tasks_from_text("一、稳定经济增长\n" + text + "\n")
    got = {r: list(task.units(r)) for r in ("lead", "cooperating", "responsible") if task.units(r)}
    assert got == roles


def _roles_data() -> dict:
    import json
    from importlib import resources

    data: dict = json.loads(resources.files("gongbao.grammar").joinpath("data/roles.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(("line", "roles"), _roles_data()["assignment_line"]["examples"])
def test_assignment_line_example(line: str, roles: dict[str, list[str]]) -> None:
    """A unit cell on a line of its own (市发改委牵头落实) is an assignment line: it ends its paragraph,
    and it assigns the row above it."""
    from gongbao.extract.tasks import extract_tasks_from_text
    from gongbao.grammar.lines import is_complete

    assert L.ASSIGNMENT_LINE.fullmatch(line) and is_complete(line)
    (task,) = extract_tasks_from_text("一、工作\n（一）宣传\n围绕政策开展宣传。\n" + line + "\n")
    assert task.text == "围绕政策开展宣传"
    assert {r: list(task.units(r)) for r in ("lead", "cooperating", "responsible") if task.units(r)} == roles


@pytest.mark.parametrize("line", _roles_data()["assignment_line"]["counter_examples"])
def test_assignment_line_counter_example(line: str) -> None:
    assert not L.ASSIGNMENT_LINE.fullmatch(line)


@pytest.mark.parametrize("text", _roles_data()["keywords"]["examples"])
def test_role_keyword_example_names_units(text: str) -> None:
    from gongbao.extract.tasks import extract_tasks_from_text

    (task,) = extract_tasks_from_text(
        "一、工作\n1.推进相关工作。" + ("\n" if text[0] not in "（【" else "") + text + "\n"
    )
    assert task.units()


@pytest.mark.parametrize(("clause", "roles"), _roles_data()["deadline_segment"]["examples"])
def test_deadline_segment_example(clause: str, roles: dict) -> None:
    """The deadline closing a unit clause (…，6月底完成 / …，持续推进) is the task's deadline, no unit."""
    from gongbao.extract.tasks import extract_tasks_from_text

    (task,) = extract_tasks_from_text("一、工作\n1.推进相关工作。" + clause + "\n")
    got: dict = {r: list(task.units(r)) for r in ("lead", "cooperating", "responsible") if task.units(r)}
    got["due"] = task.due
    assert got == roles


@pytest.mark.parametrize("segment", _roles_data()["deadline_segment"]["counter_examples"])
def test_deadline_segment_counter_example(segment: str) -> None:
    assert not L.DEADLINE_SEGMENT.fullmatch(segment)
