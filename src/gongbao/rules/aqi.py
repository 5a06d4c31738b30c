"""Air quality index per HJ 633-2012 (环境空气质量指数（AQI）技术规定（试行）), table-driven.

Table 1 of the standard gives, for each IAQI breakpoint (0, 50, 100, 150, 200, 300, 400, 500),
the concentration limits of each pollutant and averaging period. ``iaqi`` interpolates
linearly inside a segment (formula (1) of the standard) and rounds *up* to an integer
(the standard: IAQI 计算结果应全部进位取整数). ``aqi`` is the maximum IAQI; the primary
pollutants are those with the maximum IAQI when AQI > 50.

Special cases written in the standard's notes to table 1:
1. SO2 1-hour concentrations above 800 µg/m³ are not indexed by the 1-hour table; the
   24-hour IAQI is used instead (``iaqi("so2_1h", c)`` returns ``None`` above 800).
2. O3 8-hour concentrations above 800 µg/m³ are not indexed by the 8-hour table; the
   1-hour IAQI is used instead (``iaqi("o3_8h", c)`` returns ``None`` above 800).

Choice where the standard is silent: a concentration above the top breakpoint (IAQI 500)
gets IAQI 500 — the official reporting practice ("爆表") — and ``capped`` is set on the
result of ``compute_aqi``.

Units: µg/m³ for every pollutant except CO, in mg/m³ (as table 1 prints it).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "IAQI_BREAKPOINTS",
    "TABLE",
    "AqiResult",
    "aqi",
    "compute_aqi",
    "daily_concentrations",
    "iaqi",
    "rolling_aqi24",
    "rolling_mean",
]

IAQI_BREAKPOINTS: tuple[int, ...] = (0, 50, 100, 150, 200, 300, 400, 500)

#: GB 3095-2012 表4: a 24-hour mean needs at least 20 hourly values of the 24.
DAILY_MIN_HOURS = 20

# HJ 633-2012 table 1: concentration limit for each IAQI breakpoint above.
# Shorter rows stop where the standard stops (SO2 1-hour at IAQI 200, O3 8-hour at 300).
TABLE: dict[str, tuple[float, ...]] = {
    "so2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "so2_1h": (0, 150, 500, 650, 800),
    "no2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "pm10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
    "co_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": (0, 100, 160, 215, 265, 800),
    "pm25_24h": (0, 35, 75, 115, 150, 250, 350, 500),
}

# The pollutant name printed for each table key (primary pollutant reporting).
POLLUTANT_NAME: dict[str, str] = {
    "so2_24h": "SO2",
    "so2_1h": "SO2",
    "no2_24h": "NO2",
    "no2_1h": "NO2",
    "pm10_24h": "PM10",
    "co_24h": "CO",
    "co_1h": "CO",
    "o3_1h": "O3",
    "o3_8h": "O3",
    "pm25_24h": "PM2.5",
}


def iaqi(key: str, concentration: float) -> int | None:
    """The IAQI of one pollutant concentration.

    Takes a table key (``pm25_24h``, ``so2_1h``, ``o3_8h`` …) and a concentration (µg/m³;
    CO in mg/m³). Returns the IAQI rounded up to an integer, 500 above the top breakpoint,
    or ``None`` where the standard says the table does not apply (SO2 1-hour and O3 8-hour
    above 800). Raises ``KeyError`` for an unknown key and ``ValueError`` for a negative value.
    """
    limits = TABLE[key]
    if concentration < 0 or math.isnan(concentration):
        raise ValueError(f"concentration must be >= 0, got {concentration!r} for {key}")
    if concentration > limits[-1]:
        if len(limits) < len(IAQI_BREAKPOINTS):
            return None  # special cases 1 and 2: use the other averaging period
        return IAQI_BREAKPOINTS[-1]
    k = max(bisect_left(limits, concentration), 1)  # limits[k-1] <= c <= limits[k]
    bp_lo, bp_hi = limits[k - 1], limits[k]
    i_lo, i_hi = IAQI_BREAKPOINTS[k - 1], IAQI_BREAKPOINTS[k]
    value = (i_hi - i_lo) / (bp_hi - bp_lo) * (concentration - bp_lo) + i_lo
    # Round up, but do not let float noise (e.g. 49.99999999 or 50.0000001) move a breakpoint.
    return math.ceil(round(value, 9))


@dataclass(frozen=True, slots=True)
class AqiResult:
    """An AQI with its sub-indices: ``iaqi`` maps table key -> IAQI for the keys used."""

    aqi: int
    iaqi: dict[str, int] = field(default_factory=dict)
    primary: tuple[str, ...] = ()
    capped: bool = False

    def to_json(self) -> dict:
        return {"aqi": self.aqi, "iaqi": dict(self.iaqi), "primary": list(self.primary), "capped": self.capped}


def compute_aqi(concentrations: Mapping[str, float | None]) -> AqiResult:
    """AQI from concentrations keyed by table key (missing or ``None`` values are skipped).

    Applies the special cases: when ``so2_1h`` > 800 the ``so2_24h`` IAQI must be present
    (else ``ValueError``), when ``o3_8h`` > 800 the ``o3_1h`` IAQI is used. Returns the AQI
    (max IAQI), the IAQI per key, and the primary pollutants (names, sorted) when AQI > 50.
    Raises ``ValueError`` if no concentration is given.
    """
    sub: dict[str, int] = {}
    capped = False
    for key, c in concentrations.items():
        if c is None:
            continue
        value = iaqi(key, float(c))
        if value is None:
            if key == "so2_1h" and concentrations.get("so2_24h") is None:
                raise ValueError("SO2 1-hour above 800 µg/m³: HJ 633 requires the 24-hour SO2 value")
            if key == "o3_8h" and concentrations.get("o3_1h") is None:
                raise ValueError("O3 8-hour above 800 µg/m³: HJ 633 requires the 1-hour O3 value")
            continue
        if float(c) > TABLE[key][-1]:
            capped = True
        sub[key] = value
    if not sub:
        raise ValueError("no pollutant concentration given")
    top = max(sub.values())
    primary = tuple(sorted({POLLUTANT_NAME[k] for k, v in sub.items() if v == top})) if top > 50 else ()
    return AqiResult(top, sub, primary, capped)


def aqi(concentrations: Mapping[str, float | None]) -> int:
    """Just the AQI number of ``compute_aqi``."""
    return compute_aqi(concentrations).aqi


def rolling_mean(values: Sequence[float | None], window: int = 24, min_count: int | None = None) -> list[float | None]:
    """Mean over each run of ``window`` consecutive hours ending at each hour.

    Returns a list as long as ``values``; position ``i`` is the mean of ``values[i-window+1..i]``
    ignoring ``None``, or ``None`` when fewer than ``min_count`` (default: ``window``) valid
    values are in the window (so the first ``window-1`` hours are ``None``). O(n).
    """
    need = window if min_count is None else min_count
    out: list[float | None] = []
    total, count = 0.0, 0
    for i, v in enumerate(values):
        if v is not None:
            total += v
            count += 1
        if i >= window:
            old = values[i - window]
            if old is not None:
                total -= old
                count -= 1
        out.append(total / count if count >= need and i >= window - 1 else None)
    return out


def _rolling_max(values: Sequence[float | None], window: int) -> list[float | None]:
    """Maximum over each window of ``window`` values ending at each index (monotone deque, O(n))."""
    from collections import deque

    dq: deque[int] = deque()
    out: list[float | None] = []
    for i, v in enumerate(values):
        if v is not None:
            while dq and (values[dq[-1]] or 0) <= v:
                dq.pop()
            dq.append(i)
        while dq and dq[0] <= i - window:
            dq.popleft()
        out.append(values[dq[0]] if dq and i >= window - 1 else None)
    return out


def daily_concentrations(hourly: Mapping[str, Sequence[float | None]]) -> list[dict[str, float | None]]:
    """Rolling 24-hour concentrations for each hour, from hourly series keyed by pollutant.

    ``hourly`` keys: ``so2``, ``no2``, ``pm10``, ``pm25``, ``co``, ``o3`` (any subset, equal
    lengths). For each hour ``i`` the result holds the means of hours ``i-23..i`` of SO2, NO2,
    PM10, PM2.5, CO (keys ``*_24h``), the maximum 1-hour O3 in that window (``o3_1h``) and the
    maximum of the 8-hour running O3 means that lie wholly inside that window (``o3_8h``,
    the 17 means ending at hours ``i-16..i``, as the daily maximum 8-hour mean of a calendar day
    takes the means ending 8时..24时) — the daily values of HJ 633, taken over any 24
    consecutive hours (预案: 可以跨自然日). Data validity per GB 3095-2012 表4: a 24-hour mean
    needs at least 20 valid hours of the 24, an 8-hour mean at least 6 of the 8; otherwise ``None``.
    """
    lengths = {len(v) for v in hourly.values()}
    if len(lengths) > 1:
        raise ValueError(f"pollutant series have different lengths: {sorted(lengths)}")
    n = lengths.pop() if lengths else 0
    cols: dict[str, list[float | None]] = {}
    for name in ("so2", "no2", "pm10", "pm25", "co"):
        if name in hourly:
            cols[f"{name}_24h"] = rolling_mean(hourly[name], 24, DAILY_MIN_HOURS)
    if "o3" in hourly:
        o3 = hourly["o3"]
        cols["o3_1h"] = _rolling_max(o3, 24)
        # 8-hour means need >= 6 valid hours; only the 17 means wholly inside the 24 hours count.
        cols["o3_8h"] = _rolling_max(rolling_mean(o3, 8, 6), 24 - 8 + 1)
    return [{k: v[i] for k, v in cols.items()} for i in range(n)]


def rolling_aqi24(hourly: Mapping[str, Sequence[float | None]]) -> list[int | None]:
    """The rolling 24-hour AQI (日AQI over any 24 consecutive hours) for each hour.

    ``None`` for hours without a full 24-hour window of data.
    """
    out: list[int | None] = []
    for row in daily_concentrations(hourly):
        usable = {k: v for k, v in row.items() if v is not None}
        if not any(k.endswith("_24h") for k in usable):
            out.append(None)
            continue
        out.append(compute_aqi(usable).aqi)
    return out
