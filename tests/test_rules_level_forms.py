"""Every warning-level name form of ``gongbao.grammar.levels`` on its printed examples
(``gongbao/grammar/data/levels.json``): the colour and grade each example gives, and the
counter-examples each form refuses."""

from __future__ import annotations

import re

import pytest

from gongbao.grammar import levels as LV

_X = LV.examples()


def _forms(name: str) -> list[re.Pattern[str]]:
    form = getattr(LV, name)
    return list(form) if isinstance(form, list) else [form]


def _hit(name: str, text: str) -> re.Match[str] | None:
    use = _X["forms"][name]["use"]
    for rx in _forms(name):
        m = {"match": rx.match, "search": rx.search, "fullmatch": rx.fullmatch}[use](text)
        if m:
            return m
    return None


@pytest.mark.parametrize(
    ("name", "text", "colour", "grade"),
    [(name, *ex) for name, form in _X["forms"].items() for ex in form["examples"]],
)
def test_form_reads_its_example(name: str, text: str, colour: str, grade: str | None) -> None:
    m = _hit(name, text)
    assert m, f"{name} does not accept {text!r}"
    groups = m.groupdict()
    assert (groups.get("c") or groups.get("c2")) == colour
    if grade is not None:
        assert grade in {groups.get(k) for k in ("r", "r0", "r2")}, (name, text, groups)


@pytest.mark.parametrize(("name", "text"), [(n, t) for n, f in _X["forms"].items() for t in f["not"]])
def test_form_refuses_its_counter_example(name: str, text: str) -> None:
    assert not _hit(name, text), f"{name} accepts {text!r}"


def test_every_form_has_examples_and_a_source() -> None:
    for name, form in _X["forms"].items():
        assert hasattr(LV, name), name
        assert form["examples"] and form["from"], name
    declared = {n for n in LV.__all__ if n.startswith("LEVEL_")}
    assert declared == set(_X["forms"]), "every level form has printed examples"
