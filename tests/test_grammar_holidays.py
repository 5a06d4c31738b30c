"""Every form of ``gongbao.grammar.holidays`` on its printed examples (``gongbao/grammar/data/holidays.json``)."""

from __future__ import annotations

import re

import pytest

from gongbao.grammar import holidays as H

_X = H.examples()["forms"]


def _hit(name: str, text: str) -> bool:
    rx: re.Pattern[str] = getattr(H, name)
    return bool({"match": rx.match, "search": rx.search, "fullmatch": rx.fullmatch}[_X[name]["use"]](text))


def _rows(key: str) -> list[tuple[str, str]]:
    return [(name, ex) for name, form in _X.items() for ex in form[key]]


@pytest.mark.parametrize(("name", "text"), _rows("examples"))
def test_form_accepts_its_example(name: str, text: str) -> None:
    assert _hit(name, text), f"{name} does not accept {text!r}"


@pytest.mark.parametrize(("name", "text"), _rows("not"))
def test_form_refuses_its_counter_example(name: str, text: str) -> None:
    assert not _hit(name, text), f"{name} accepts {text!r}"


def test_every_form_has_examples_and_a_source() -> None:
    for name, form in _X.items():
        assert hasattr(H, name), name
        assert form["examples"] and form["not"] and form["from"], name
