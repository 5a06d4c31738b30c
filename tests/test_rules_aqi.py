"""HJ 633-2012 IAQI/AQI on the standard's breakpoints and special cases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongbao.rules.aqi import IAQI_BREAKPOINTS, TABLE, compute_aqi, iaqi, rolling_aqi24, rolling_mean


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_breakpoint_maps_to_its_iaqi(key: str) -> None:
    for limit, index in zip(TABLE[key], IAQI_BREAKPOINTS, strict=False):
        assert iaqi(key, limit) == index


@pytest.mark.parametrize(
    ("key", "c", "expected"),
    [
        ("pm25_24h", 35, 50),
        ("pm25_24h", 35.1, 51),  # ceil: 50.125 -> 51
        ("pm25_24h", 75, 100),
        ("pm25_24h", 115, 150),
        ("pm25_24h", 150, 200),
        ("pm25_24h", 150.5, 201),
        ("pm25_24h", 250, 300),
        ("pm25_24h", 350, 400),
        ("pm25_24h", 500, 500),
        ("pm25_24h", 501, 500),  # above the table: 500 (爆表)
        ("pm25_24h", 100, 132),  # 100 + 50*25/40 = 131.25 -> 132
        ("pm10_24h", 420, 300),
        ("pm10_24h", 385, 250),
        ("so2_24h", 475, 150),
        ("so2_1h", 650, 150),
        ("so2_1h", 800, 200),
        ("so2_1h", 801, None),  # special case: use 24-hour
        ("o3_8h", 265, 200),
        ("o3_8h", 800, 300),
        ("o3_8h", 801, None),  # special case: use 1-hour
        ("o3_1h", 1000, 400),
        ("co_24h", 4, 100),
        ("co_24h", 4.1, 101),  # CO keeps its decimals (python-aqi truncates)
        ("co_1h", 35, 150),
        ("no2_24h", 280, 200),
        ("no2_1h", 2340, 300),
        ("pm25_24h", 0, 0),
    ],
)
def test_iaqi_values(key: str, c: float, expected: int | None) -> None:
    assert iaqi(key, c) == expected


def test_aqi_is_max_and_primary_only_above_50() -> None:
    r = compute_aqi({"pm25_24h": 120, "pm10_24h": 200, "so2_24h": 10})
    assert r.aqi == 158 and r.primary == ("PM2.5",)
    clean = compute_aqi({"pm25_24h": 20, "pm10_24h": 40})
    assert clean.aqi == 40 and clean.primary == ()
    tie = compute_aqi({"pm25_24h": 75, "pm10_24h": 150})
    assert tie.aqi == 100 and tie.primary == ("PM10", "PM2.5")


def test_special_cases_fall_back_to_the_other_period() -> None:
    r = compute_aqi({"so2_1h": 900, "so2_24h": 700})
    assert "so2_1h" not in r.iaqi and r.aqi == iaqi("so2_24h", 700)
    r = compute_aqi({"o3_8h": 900, "o3_1h": 900})
    assert r.aqi == 350
    with pytest.raises(ValueError):
        compute_aqi({"so2_1h": 900})
    assert compute_aqi({"pm25_24h": 600}).capped


def test_rolling_mean_crosses_days() -> None:
    vals = [float(i) for i in range(48)]
    m = rolling_mean(vals)
    assert m[22] is None and m[23] == pytest.approx(11.5) and m[47] == pytest.approx(35.5)


def test_rolling_aqi24_from_pm25() -> None:
    series = {"pm25": [100.0] * 24 + [300.0] * 24}
    out = rolling_aqi24(series)
    assert out[:23] == [None] * 23
    assert out[23] == 132
    assert out[47] == 350  # 300 µg/m³ -> 300 + 100*50/100


@given(st.sampled_from(sorted(TABLE)), st.floats(min_value=0, max_value=5000, allow_nan=False))
def test_iaqi_is_monotone_and_bounded(key: str, c: float) -> None:
    v = iaqi(key, c)
    if v is not None:
        assert 0 <= v <= 500
        w = iaqi(key, c + 1)
        assert w is None or w >= v
