"""A picture of an alert run: aqi24 over time, the level thresholds, and the warning bands."""

from __future__ import annotations

from pathlib import Path

from gongbao.errors import InputError
from gongbao.rules.pollution import AlertResult

__all__ = ["plot_alert"]

_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV"}  # ASCII: Roman-numeral glyphs may be missing from the font
_COLOURS = {"blue": "#3a7bd5", "yellow": "#f5d90a", "orange": "#ff8c00", "red": "#e0301e"}


def plot_alert(result: AlertResult, path: str | Path) -> Path:
    """Render ``result`` to ``path`` (.svg or .png) with matplotlib's Agg backend; returns the path.

    Shows the aqi24 curve, dashed lines at 150/200/300/500, and one shaded band per warning
    segment in its level's colour, labelled with the response level.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    out = Path(path)
    if out.suffix.lower() not in (".svg", ".png"):
        raise InputError("the plot file must end in .svg or .png", path=str(out))
    times = [r.time for r in result.series]
    values = [r.aqi24 if r.aqi24 is not None else float("nan") for r in result.series]
    fig, ax = plt.subplots(figsize=(11, 4.5), dpi=110)
    # The x axis is a date axis: matplotlib converts datetime x values through its unit
    # registry (matplotlib.dates), but its stubs type those arguments as float only, so the
    # calls that pass datetimes carry ``type: ignore[arg-type]``. An open last segment ends
    # at the last sample; there is none only when the series is empty, and then so are the warnings.
    try:
        end_default = times[-1] if times else None
        for w in result.warnings:
            for a, b, lv in w.segments():
                level = result.ruleset.level(lv)
                name = level.colour
                ax.axvspan(a, b or end_default, color=_COLOURS.get(name, "grey"), alpha=0.25, lw=0)  # type: ignore[arg-type]
                resp = str(level.response.value) if level.response else "?"
                label = f"{name} / response {_ROMAN.get(resp, resp)}"
                ax.text(a, 0.98, label, transform=ax.get_xaxis_transform(), va="top", fontsize=8)  # type: ignore[arg-type]
            for e in w.events:
                ax.axvline(e.time, color="dimgrey", lw=0.6, ls="-.")  # type: ignore[arg-type]
            if w.school_suspension_from is not None:
                ax.annotate(
                    "schools may close",
                    (w.school_suspension_from, 500),
                    xytext=(-170, -28),
                    textcoords="offset points",
                    fontsize=7,
                    arrowprops={"arrowstyle": "->", "lw": 0.6},
                )
        for thr, style in ((150, ":"), (200, "--"), (300, "--"), (500, ":")):
            ax.axhline(thr, color="grey", ls=style, lw=0.8)
            if times:
                ax.text(times[0], thr, f" {thr}", va="bottom", fontsize=7, color="grey")  # type: ignore[arg-type]
        ax.plot(times, values, color="black", lw=1.2, label="aqi24 (rolling 24-hour AQI)")  # type: ignore[arg-type]
        ax.set_ylabel("AQI (24-hour rolling)")
        ax.set_title(f"Heavy-pollution warnings: {len(result.warnings)} (yellow/orange/red bands)")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M"))
        fig.autofmt_xdate()
        ax.legend(loc="upper right", fontsize=8)
        finite = [v for v in values if v == v]
        ax.set_ylim(0, max([*finite, 500.0]) * 1.15)
        fig.tight_layout()
        fig.savefig(out)
    finally:
        plt.close(fig)
    return out
