"""Every declared form of the grammar on its printed examples and counter-examples: the forms of
``gongbao.grammar.labels`` (``data/labels.json``), ``limits`` (``data/limits.json``), ``holidays``
(``data/holidays.json``), ``posts`` (``data/posts.json``), ``validity`` (``data/validity.json``), ``cleanup`` (``data/cleanup.json``),
``pinpoints`` (``data/pinpoints.json``) and ``targets`` (``data/targets.json``). Each form names how it is applied
(``use``: match, search, fullmatch) and where its examples were printed (``from``)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from gongbao.grammar import cleanup, holidays, labels, limits, pinpoints, posts, targets, validity

#: module -> must every form have counter-examples (labels' older forms do not all)
MODULES: dict[ModuleType, bool] = {
    labels: False,
    limits: True,
    holidays: True,
    posts: True,
    validity: True,
    cleanup: True,
    pinpoints: True,
    targets: True,
}


def _forms(module: ModuleType) -> dict[str, dict[str, object]]:
    forms: dict[str, dict[str, object]] = module.examples()["forms"]
    return forms


def _hit(module: ModuleType, name: str, text: str) -> bool:
    form = getattr(module, name)
    rx = form if isinstance(form, re.Pattern) else re.compile(form)
    use = str(_forms(module)[name]["use"])
    return bool({"match": rx.match, "search": rx.search, "fullmatch": rx.fullmatch}[use](text))


def _rows(key: str) -> list[object]:
    return [
        pytest.param(m, name, ex, id=f"{m.__name__.rsplit('.', 1)[-1]}.{name}-{i}")
        for m in MODULES
        for name, form in _forms(m).items()
        for i, ex in enumerate(form.get(key, ()))  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(("module", "name", "text"), _rows("examples"))
def test_form_accepts_its_example(module: ModuleType, name: str, text: str) -> None:
    assert _hit(module, name, text), f"{name} does not accept {text!r}"


@pytest.mark.parametrize(("module", "name", "text"), _rows("not"))
def test_form_refuses_its_counter_example(module: ModuleType, name: str, text: str) -> None:
    assert not _hit(module, name, text), f"{name} accepts {text!r}"


@pytest.mark.parametrize("module", list(MODULES), ids=lambda m: m.__name__)
def test_every_form_has_examples_and_a_source(module: ModuleType) -> None:
    for name, form in _forms(module).items():
        assert hasattr(module, name), name
        assert form["examples"] and form["from"], name
        assert form.get("not") or not MODULES[module], name
