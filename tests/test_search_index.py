"""The index text: one token per character, whitespace dropped (``gongbao.store.fts.spaced``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongbao.store.fts import spaced


def reference(text: str) -> str:
    return " ".join(ch for ch in text if not ch.isspace())


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_spaced_equals_the_per_character_definition(text: str) -> None:
    assert spaced(text) == reference(text)


def test_spaced_examples() -> None:
    assert spaced("燃气 经营\n企业") == "燃 气 经 营 企 业"
    assert spaced("　2025 年") == "2 0 2 5 年"
    assert spaced("😀a") == "😀 a" and spaced(" ") == "" and spaced("x") == "x"
