"""The rules commands end to end: alert (text, json, plot), deadline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import cli

DATA = Path(__file__).parent / "data" / "rules"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return cli(capsys, *args)


def test_alert_json_and_plots(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    svg, png = tmp_path / "a.svg", tmp_path / "a.png"
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--format", "json", "--plot", str(svg))
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "gongbao.alert/1"
    [w] = doc["warnings"]
    assert (w["level"], w["start"], w["end"]) == ("red", "2025-01-22T12:00:00", "2025-01-29T00:00:00")
    assert [e["action"] for e in w["events"]] == ["issue", "downgrade", "lift"]
    assert w["school_suspension"]["from"] == "2025-01-26T12:00:00"
    # response ends 2025-01-29 (holiday); 3 working days: 02-05, 02-06, 02-07
    assert w["report_deadline"] == "2025-02-07"
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    code, _, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--plot", str(png))
    assert code == 0 and png.read_bytes()[:4] == b"\x89PNG"


def test_alert_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"))
    assert code == 0
    assert "红色预警 / Ⅰ级应急响应, approved by 指挥长" in out
    assert "<lvl_4__lvl_4__lvl_4__lvl_3__lvl_2__para_1>" in out


def test_alert_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("when,aqi\n1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "alert", str(f))
    assert code == 2 and "time" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--from", "2025-01-24", "--limit", "5个工作日"), "2025-02-07"),  # 1-26 is a make-up workday, 1-28..2-4 rest
        (("--from", "2025-01-24", "--limit", "十五日"), "2025-02-08"),  # 2-08 (Saturday) is a make-up workday
        (("--from", "2025-01-24", "--limit", "30日"), "2025-02-24"),  # 2-23 Sunday -> Monday
        (("--from", "2025-09-30", "--limit", "2个月"), "2025-12-01"),  # 11-30 is a Sunday
        (("--from", "2025-01-24T09:00", "--limit", "提前四十八小时", "--before"), "2025-01-22T09:00:00"),
    ],
)
def test_deadline_json(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str) -> None:
    code, out, _ = run(capsys, "deadline", *args, "--format", "json")
    assert code == 0
    assert json.loads(out)["deadline"] == expected


def test_deadline_text_and_outside_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "--from", "2025-01-24", "--limit", "5个工作日")
    assert code == 0 and out.strip() == "2025-02-07"
    code, _, err = run(capsys, "deadline", "--from", "2030-03-01", "--limit", "5个工作日")
    assert code == 2 and "outside the known official calendar" in err


def test_every_rules_command_has_help_with_example(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("alert", "deadline", "obligations"):
        code, out, _ = run(capsys, cmd, "--help")
        assert code == 0 and "Example: gongbao " + cmd in out


SAMPLE = Path(__file__).parent.parent / "samples" / "liaocheng-2024-11-12.txt"


def test_obligations_actor_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "obligations", str(SAMPLE), "--actor", "燃气经营企业", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "gongbao.obligations/1"
    assert [(t["eid"], t["text"]) for t in doc["limits"]] == [
        ("chp_3__art_17__para_1", "九十个工作日前"),
        ("chp_6__art_36__para_3", "每年不得少于一次"),
        ("chp_6__art_36__para_3", "每年不得少于两次"),
        ("chp_6__art_36__para_3", "每四个月不得少于一次"),
    ]


def test_obligations_unknown_document_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "obligations", str(SAMPLE), "--doc", "不存在的文件")
    assert code == 2 and "不存在的文件" in err


def test_alert_says_when_the_plan_is_repealed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    assert run(capsys, "ingest", str(SAMPLE), "--db", db)[0] == 0
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["stale"]["stale"] is False
    # a later notice (synthetic test data) repeals the plan's notice
    assert run(capsys, "ingest", str(DATA / "repeal_plan.txt"), "--db", db)[0] == 0
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--db", db)
    assert code == 0
    assert out.splitlines()[0] == "STALE: rules are stale: 聊政办字〔2024〕18号 was repealed by 聊政办字〔2026〕3号"


def test_alert_reads_node_ids_from_the_parsed_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--plan", str(SAMPLE), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert all(p["resolved"] for p in doc["provisions"])
    school = next(p for p in doc["provisions"] if p["provision"] == "I.public")
    assert "学校可采取停课措施" in school["text"]


def test_alert_from_pollutant_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = ["time,pm25,pm10"]
    for h in range(24 + 72 + 60):
        pm25 = 160 if 24 <= h < 24 + 72 else 40  # 160 µg/m³ PM2.5 -> IAQI 210
        rows.append(f"2025-03-01T00:00:00+08:00,{pm25},60".replace("01T00", f"{1 + h // 24:02d}T{h % 24:02d}"))
    f = tmp_path / "pm.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "alert", str(f), "--format", "json")
    assert code == 0
    [w] = json.loads(out)["warnings"]
    # the rolling 24-hour mean exceeds 115 µg/m³ (IAQI 150) ... 150 (IAQI 200) as the episode enters the window
    assert w["level"] == "orange" and w["peak_aqi24"] == 210
