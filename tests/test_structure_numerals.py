"""Chinese numerals: the forms printed in article numbers, years and counts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongbao.structure.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十八", 28),
        ("四十六", 46),
        ("五十七", 57),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两千", 2000),
        ("一千零一", 1001),
        ("二〇二四", 2024),
        ("一万零三百", 10300),
        ("28", 28),
        ("２８", 28),
        ("零", 0),
    ],
)
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10, "十"),
        (15, "十五"),
        (28, "二十八"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (10300, "一万零三百"),
    ],
)
def test_int_to_cn(value: int, text: str) -> None:
    assert int_to_cn(value) == text


@pytest.mark.parametrize("bad", ["", "abc", "第三", "3a"])
def test_cn_to_int_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(bad)


@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n
