"""Plans gongbao was not built for (tests/data/rules/hazards): real warning texts of other hazards
(寒潮, 暴雨/高温 signals, 地质灾害, 城市供水, 城市防汛, 森林火险) and air-pollution texts whose
levels are partly unreadable. The truth (truth.json) was written by reading the texts before gongbao ran.

Never a silent wrong answer: a plan of another hazard is refused in one line saying so (exit 2),
never read into AQI rules; a pollution text's levels are right, or refused pointing at what is unread.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import cli
from gongbao.rules.extract import _signals_only, read_condition

DATA = Path(__file__).parent / "data" / "rules" / "hazards"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
NOT_AQI = [name for name, t in TRUTH["plans"].items() if not t["aqi_plan"]]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return cli(capsys, *args)


def series(tmp: Path, name: str, segments: list[list[int]]) -> Path:
    t0 = datetime.fromisoformat(TRUTH["t0"])
    values = [v for v, hours in segments for _ in range(hours)]
    f = tmp / f"{name}.csv"
    f.write_text(
        "time,aqi24\n" + "".join(f"{(t0 + timedelta(hours=i)).isoformat()},{v}\n" for i, v in enumerate(values)),
        encoding="utf-8",
    )
    return f


def test_the_table_covers_the_genres() -> None:
    assert len(NOT_AQI) >= 5 and len(TRUTH["plans"]) - len(NOT_AQI) >= 2


@pytest.mark.parametrize("plan", NOT_AQI)
def test_a_plan_of_another_hazard_is_refused_saying_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, plan: str
) -> None:
    code, out, err = run(capsys, "rules", "extract", str(DATA / plan))
    assert code == 2 and not out, (plan, out[:300])
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    reasons = ("not a heavy-pollution plan", "not on air quality", "no air-quality measure", "weather warning signals")
    assert any(r in err for r in reasons), err
    heavy = series(tmp_path, "heavy", [[100, 24], [350, 96], [520, 48], [100, 60]])
    code, out, err = run(capsys, "alert", str(heavy), "--plan", str(DATA / plan), "--assume-lift", "36")
    assert code == 2 and len(err.strip().splitlines()) == 1, (plan, out[:300])


def test_the_refusal_names_the_plan_or_the_level_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "rules", "extract", str(DATA / "longli-2015-geohazard.txt"))
    assert "龙里县突发性地质灾害应急预案" in err
    _, _, err = run(capsys, "rules", "extract", str(DATA / "cold-wave-govcn.txt"))
    assert "寒潮蓝色预警信号" in err and "weather warning signals" in err
    _, _, err = run(capsys, "rules", "extract", str(DATA / "jinan-forest-fire.txt"))
    assert "森林火险" in err and "not on air quality" in err


def test_haze_signals_on_pm25_are_not_read_without_their_visibility(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 霾黄色预警信号: 能见度小于3000米且…PM2.5浓度大于115…: a PM2.5 series cannot test the visibility
    t0 = datetime.fromisoformat(TRUTH["t0"])
    values = [50] * 24 + [200] * 72 + [50] * 60
    s = tmp_path / "pm.csv"
    s.write_text(
        "time,pm25_24h\n" + "".join(f"{(t0 + timedelta(hours=i)).isoformat()},{v}\n" for i, v in enumerate(values)),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "alert", str(s), "--plan", str(DATA / "haze-signals.txt"), "--assume-lift", "36")
    assert code == 2 and not out and "霾黄色预警信号" in err


def extract(capsys: pytest.CaptureFixture[str], plan: str) -> dict:
    code, out, err = run(capsys, "rules", "extract", str(DATA / plan), "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_levels_whose_comparison_signs_were_lost_are_not_guessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 环境保护部 2017 slides as text: 预测AQI日均值200 — > or ≥ cannot be told from the text
    rs = extract(capsys, "mee-2017-slides.txt")
    assert rs["levels"] == []
    why = next(u for u in rs["unresolved"] if u["field"] == "levels")
    assert "comparison" in why["why"] and why["lines"]
    heavy = series(tmp_path, "heavy", [[100, 24], [350, 96], [100, 60]])
    code, _, err = run(capsys, "alert", str(heavy), "--plan", str(DATA / "mee-2017-slides.txt"))
    assert code == 2 and "AQI日均值200" in err


def test_a_below_warning_step_is_not_a_level(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 扬州 2026: 黄/橙/红 named without conditions; 日AQI>150 … 采取临时管控措施 is below 黄色
    rs = extract(capsys, "yangzhou-2026-press.txt")
    assert rs["levels"] == []
    s = series(tmp_path, "s", [[100, 24], [180, 72], [100, 60]])
    code, _, err = run(capsys, "alert", str(s), "--plan", str(DATA / "yangzhou-2026-press.txt"), "--assume-lift", "36")
    assert code == 2 and "黄色预警" in err


def test_revised_plan_levels_as_read(capsys: pytest.CaptureFixture[str]) -> None:
    rs = extract(capsys, "revised-plan-2022-press.txt")
    got = {
        lv["colour"]: [[(c["op"], c["threshold"], c["hours"]) for c in alt["all"]] for alt in lv["conditions"]["any"]]
        for lv in rs["levels"]
    }
    assert got == {
        "blue": [[(">", 200, 24)]],
        "yellow": [[(">", 200, 48)]],
        "orange": [[(">", 200, 72), (">", 300, 24)]],  # 持续3天，AQI日均>300将持续1天: both
        "red": [[(">=", 500, 24)]],
    }
    red = [u for u in rs["unresolved"] if u["field"] == "levels.red.conditions"]
    assert len(red) == 1 and "日均200" in red[0]["quote"]


CASES = TRUTH["plans"]["revised-plan-2022-press.txt"]["series"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_revised_plan_series(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: dict) -> None:
    s = series(tmp_path, case["id"], case["segments"])
    code, out, err = run(
        capsys,
        "alert",
        str(s),
        "--plan",
        str(DATA / "revised-plan-2022-press.txt"),
        "--assume-lift",
        "36",
        "--format",
        "json",
    )
    assert code == 0, err
    ws = json.loads(out)["warnings"]
    count, highest = case["expect"].split(",")[:2]  # "1 warning, highest yellow: …"
    want = highest.split("highest")[1].split()[0].rstrip(":")
    ranks = {"blue": 1, "yellow": 2, "orange": 3, "red": 4}
    got = [w["level"] for w in ws]
    assert len(ws) == int(count.split()[0]), (case["expect"], got)
    assert max(got, key=ranks.__getitem__) == want, (case["expect"], got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma before a comparison on a named metric: one more part of the same condition
        ("当AQI日均值>200将持续3天，AQI日均值>300将持续1天时", [[(">", 200, 72), (">", 300, 24)]]),
        ("PM2.5日均浓度大于150，AQI日均值大于200持续48小时", [[(">", 150, 0), (">", 200, 48)]]),
        # the digits of PM2.5 / PM10 before 日均 are no duration ("5日", "10日")
        ("PM10日均浓度大于350", [[(">", 350, 0)]]),
        # a comma before the duration or the forecast is the same comparison (Wuhan 2016)
        ("AQI日均值>200，持续48小时", [[(">", 200, 48)]]),
        ("指数连续24小时大于300，预测未来24小时仍大于300时", [[(">", 300, 24)]]),
        ("当日AQI>200已持续24小时，且预测未来48小时AQI>200时", [[(">", 200, 48)]]),
        # a degree restated by its value (Henan 2014) is one comparison
        ("当预测未来将出现持续3天及以上重度污染，AQI日均值大于200的天气时", [[(">", 200, 72)]]),
    ],
)
def test_comma_joined_parts_of_a_condition(text: str, expected: list) -> None:
    alts, skipped = read_condition(text)
    assert [[(c.op, c.threshold, c.hours) for c in alt] for alt in alts] == expected and not skipped


@pytest.mark.parametrize(
    "text",
    [
        "预测AQI日均值200将持续2天（48小时）及以上",
        "预测AQI日均值>200将持续3天（72小时）及以上，且预测AQI日均值300",
    ],
)
def test_a_value_without_its_sign_leaves_the_alternative_unread(text: str) -> None:
    alts, skipped = read_condition(text)
    assert alts == [] and len(skipped) == 1 and "comparison" in skipped[0][1]


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        ("霾黄色预警信号\n标准：…PM2.5浓度大于115微克/立方米…\n霾橙色预警信号", True),
        ("——寒潮蓝色预警信号\n含义：24小时内最低气温将要下降8℃以上", True),
        # a pollution text that calls its own levels signals, or names a weather signal beside its levels
        ("当AQI日均值>200将持续1天时，发布重污染天气黄色预警信号", False),
        ("气象台发布霾黄色预警信号时，当AQI日均值>200将持续2天，启动黄色预警", False),
    ],
)
def test_weather_signals_told_from_plan_levels(text: str, signals: bool) -> None:
    assert _signals_only(text) is signals
