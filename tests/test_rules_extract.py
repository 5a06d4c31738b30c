"""Rule-sets read from the plan's text: the sample plan, formats, unresolved values, series checks, staleness."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import cli
from gongbao.rules.pollution import BUNDLED, HourRow, bundled_ruleset, evaluate, plan_staleness, read_series_checked
from gongbao.rules.ruleset import RuleSet, dump_ruleset, load_ruleset

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
DATA = Path(__file__).parent / "data" / "rules"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return cli(capsys, *args)


@pytest.fixture(scope="module")
def sample_rs() -> RuleSet:
    from gongbao.rules.plans import ruleset_from_plan_file

    return ruleset_from_plan_file(SAMPLE)


def test_bundled_ruleset_is_the_extraction_of_the_sample(sample_rs: RuleSet) -> None:
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    got = sample_rs.to_json()
    got["plan"]["source"] = bundled["plan"]["source"]
    assert got == bundled  # regenerate: gongbao rules extract samples/liaocheng-2024-11-12.txt -o …


def test_sample_rules_as_the_plan_words_them(sample_rs: RuleSet) -> None:
    assert sample_rs.doc_number == "聊政办字〔2024〕18号" and sample_rs.unresolved == []
    y, o, r = sample_rs.levels
    assert [(c.op, c.threshold, c.hours) for alt in y.any_of for c in alt] == [(">", 200, 0), (">", 150, 48)]
    assert [(c.threshold, c.hours) for c in r.any_of[0]] == [(200, 72), (300, 24)]
    assert (y.response.value, r.response.value) == ("Ⅲ", "Ⅰ")  # type: ignore[union-attr]
    assert (o.approver.value, r.approver.value) == ("副指挥长", "指挥长")  # type: ignore[union-attr]
    assert sample_rs.lift.value == {"hours": 36, "threshold": "start"}  # type: ignore[union-attr]
    assert sample_rs.lift.eid == "lvl_3__lvl_5__lvl_1"  # type: ignore[union-attr]
    assert sample_rs.advance_notice.value == 48 and sample_rs.report.value == 3  # type: ignore[union-attr]
    [school] = sample_rs.school
    assert (school.colour, school.metric, school.op, school.threshold) == ("red", "aqi", ">=", 500)
    assert "学校可采取停课措施" in (school.quote or "")
    red = sample_rs.reductions.value  # type: ignore[union-attr]
    assert red["each"] == {"Ⅲ": 10, "Ⅱ": 20, "Ⅰ": 30} and red["so2_nox"] == {"Ⅲ": 20, "Ⅱ": 40, "Ⅰ": 60}
    assert [m.id for m in sample_rs.measures][:3] == ["III.public", "III.advisory", "III.industrial"]
    # every value carries the node it was read from and that node's words
    from gongbao.pipeline import parse_path

    doc = parse_path(SAMPLE).find("聊政办字〔2024〕18号")
    assert doc is not None and doc.body is not None
    for v in (sample_rs.lift, sample_rs.merge, sample_rs.report, sample_rs.reductions, y.approver):
        assert v is not None and v.eid
        node = doc.body.find(v.eid)
        assert node is not None
        node_text = "".join(node.text.split()).replace("NO_x", "NOx")
        assert "".join((v.quote or "").split()) in node_text


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_ruleset_round_trips(sample_rs: RuleSet, tmp_path: Path, fmt: str) -> None:
    f = tmp_path / f"rs.{fmt}"
    f.write_text(dump_ruleset(sample_rs, fmt), encoding="utf-8")
    back = load_ruleset(f)
    assert back.to_json() == sample_rs.to_json()


def test_rules_extract_cli_and_alert_from_a_ruleset_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "rules", "extract", str(SAMPLE), "--format", "toml")
    assert code == 0 and 'schema = "gongbao.ruleset"' in out
    f = tmp_path / "plan.toml"
    f.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--plan", str(f), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["plan"]["doc_number"] == "聊政办字〔2024〕18号"
    [w] = doc["warnings"]
    assert (w["level"], w["school_suspension"]["allowed"]) == ("red", True)
    [ep] = doc["episodes"]  # the hours meeting a condition: one red episode inside the warning
    assert ep["level"] == "red" and w["start"] <= ep["from"]


def test_plan_not_found_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "notice.txt"
    other.write_text(
        "某某市人民政府关于做好春节期间安全工作的通知\n\n各区人民政府：\n\n请做好春节期间安全工作。\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "alert", str(DATA / "episode_red.csv"), "--plan", str(other))
    assert code == 2 and "重污染天气应急预案" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "rules", "extract", str(SAMPLE), "--doc", "不存在的预案")
    assert code == 2 and "不存在的预案" in err


def test_ruleset_without_levels_is_exit_2(
    capsys: pytest.CaptureFixture[str], sample_rs: RuleSet, tmp_path: Path
) -> None:
    data = sample_rs.to_json()
    data["levels"] = []
    data["unresolved"] = [{"field": "levels", "where": "document", "why": "test", "needed_for": "warnings"}]
    f = tmp_path / "empty.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "alert", str(DATA / "episode_red.csv"), "--plan", str(f))
    assert code == 2 and "levels" in err


def _csv(tmp: Path, rows: list[str], name: str = "s.csv") -> Path:
    f = tmp / name
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return f


def test_series_problems_are_reported_with_rows(tmp_path: Path) -> None:
    t0 = datetime(2025, 3, 3)
    rows = ["time,aqi24"]
    for h in range(100):
        v = "201" if 10 <= h < 70 else "100"
        if h == 20:
            v = "nan"
        if h == 21:
            v = "-5"
        if h == 22:
            v = ""
        if h == 23:
            v = "5000"
        if h == 40:
            continue  # a missing hour
        rows.append(f"{(t0 + timedelta(hours=h)).isoformat()},{v}")
    series, issues = read_series_checked(_csv(tmp_path, rows))
    codes = {i.code: i.rows for i in issues}
    assert codes["nan_value"] == (22,) and codes["negative_value"] == (23,) and codes["missing_value"] == (24,)
    assert codes["impossible_value"] == (25,) and codes["missing_hours"] == (42,)
    assert len(series) == 100 and series[40].aqi24 is None and series[20].aqi24 is None
    # the unknown hours break the > 200 run: reported, and visible in the result
    res = evaluate(_csv(tmp_path, rows))
    assert any("NaN" in n for n in res.notes) and res.to_json()["series"]["issues"]


def test_mixed_time_zones(tmp_path: Path) -> None:
    rows = ["time,aqi24", "2025-03-03T00:00+08:00,100", "2025-03-02T17:00+00:00,100", "2025-03-03T02:00+08:00,100"]
    series, issues = read_series_checked(_csv(tmp_path, rows))
    assert [i.code for i in issues] == ["mixed_time_zones"] and issues[0].rows == (3,)
    assert series[1].time == datetime.fromisoformat("2025-03-03T01:00+08:00")
    from gongbao.errors import InputError

    with pytest.raises(InputError, match="row 3"):
        read_series_checked(_csv(tmp_path, ["time,aqi24", "2025-03-03T00:00+08:00,1", "2025-03-03T01:00,1"], "b.csv"))


def test_concentration_series_for_a_pm25_plan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Hourly PM2.5 per HJ 633: the 24-hour mean exceeds 115 µg/m³ for 48 h -> Chengdu yellow."""
    t0 = datetime(2025, 1, 1)
    rows = ["time,pm25"] + [
        f"{(t0 + timedelta(hours=h)).isoformat()},{130 if 24 <= h < 24 + 80 else 40}" for h in range(200)
    ]
    plan = DATA / "plans" / "chengdu-2020-pm25.txt"
    code, out, _ = run(
        capsys, "alert", str(_csv(tmp_path, rows)), "--plan", str(plan), "--assume-lift", "36", "--format", "json"
    )
    assert code == 0
    [w] = json.loads(out)["warnings"]
    assert w["level"] == "yellow" and w["peak"]["pm25"] > 115


class FakeStore:
    def __init__(self, answers: dict, later: list[str]):
        self.answers, self.later = answers, later

    def status(self, ref: str) -> object:
        return self.answers.get(ref)

    def later_versions(self, title: str, after: date | None) -> list[str]:
        return self.later if title == "聊城市重污染天气应急预案" else []


def test_staleness_names_a_later_version() -> None:
    st = plan_staleness(
        FakeStore({"聊政办字〔2024〕18号": {"state": "in_force"}}, ["聊政办字〔2026〕9号 (2026-11-01)"]),
        "聊政办字〔2024〕18号",
        "聊城市重污染天气应急预案",
        date(2024, 12, 21),
    )
    assert st.stale and "聊政办字〔2026〕9号" in st.message and st.later == ("聊政办字〔2026〕9号 (2026-11-01)",)
    rows = [HourRow(datetime(2025, 3, 3) + timedelta(hours=i), 100.0) for i in range(30)]
    res = evaluate(rows, ruleset=bundled_ruleset(), lookup=FakeStore({}, []))
    assert res.to_json()["stale"]["stale"] is False


def test_alert_from_the_store_uses_the_plan_in_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    assert run(capsys, "ingest", str(SAMPLE), "--db", db)[0] == 0
    code, out, _ = run(capsys, "alert", str(DATA / "episode_red.csv"), "--db", db, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["plan"]["source"] == "store:聊政办字〔2024〕18号" and doc["warnings"][0]["level"] == "red"
    code, _, err = run(capsys, "alert", str(DATA / "episode_red.csv"), "--db", db, "--doc", "不存在")
    assert code == 2 and "不存在" in err


@pytest.mark.parametrize(
    "args",
    [
        ("--from", "2025-01-01", "--limit", "99999999999日"),
        ("--from", "2025-01-01", "--limit", "99999999999个月"),
        ("--from", "2025-01-01", "--limit", "9999999999999999999999小时"),
        ("--from", "9999-12-28", "--limit", "5日"),
        ("--from", "2025-01-01", "--limit", "999999999999个工作日"),
        ("--from", "2003-06-01", "--limit", "5个工作日"),
    ],
)
def test_deadline_out_of_range_is_one_line(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, "deadline", *args)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_deadline_2027_needs_the_published_schedule(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "deadline", "--from", "2026-12-28", "--limit", "5个工作日")
    assert code == 2 and "2027" in err and "--calendar" in err
    # the override format (synthetic schedule, for the mechanism only: not the State Council's)
    f = tmp_path / "cn-2027.toml"
    f.write_text('years = [2027]\nholidays = ["2027-01-01"]\nworkdays = []\n', encoding="utf-8")
    code, out, _ = run(capsys, "deadline", "--from", "2026-12-28", "--limit", "5个工作日", "--calendar", str(f))
    assert code == 0 and out.strip() == "2027-01-05"  # 12-29, 12-30, 12-31, (1-1 rest, weekend), 1-04, 1-05


def test_store_names_a_later_version_and_uses_it_from_its_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "kb.db")
    for f in (SAMPLE, DATA / "later_plan.txt", DATA / "repeal_plan.txt"):
        assert run(capsys, "ingest", str(f), "--db", db)[0] == 0
    # the sample's plan with the store: a later version (synthetic test data) is named
    code, out, _ = run(
        capsys, "alert", str(DATA / "episode_red.csv"), "--plan", str(SAMPLE), "--db", db, "--format", "json"
    )
    assert code == 0
    stale = json.loads(out)["stale"]
    assert stale["stale"] is True and any("聊政办字〔2026〕9号" in v for v in stale["later_versions"])
    # a series in December 2026 runs the later plan (yellow after 24 h > 200), not the repeal notice
    t0 = datetime(2026, 12, 1)
    rows = ["time,aqi24"] + [
        f"{(t0 + timedelta(hours=h)).isoformat()},{201 if 30 <= h < 54 else 100}" for h in range(120)
    ]
    code, out, _ = run(capsys, "alert", str(_csv(tmp_path, rows)), "--db", db, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["plan"]["source"] == "store:聊政办字〔2026〕9号"
    assert [w["level"] for w in doc["warnings"]] == ["yellow"]


def test_plans_of_two_places_in_the_store_are_never_mixed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The store holds 聊城's plan (the sample) and 武汉's (tests/data/rules/plans/wuhan-2016.txt, its
    locator in that folder's README): a series names no place, so neither plan is run for it
    unless the user names one; the server's alert page refuses the same way."""
    from fastapi.testclient import TestClient

    from gongbao.api import create_app

    db = str(tmp_path / "kb.db")
    assert run(capsys, "ingest", str(SAMPLE), "--db", db)[0] == 0
    assert run(capsys, "ingest", str(DATA / "plans" / "wuhan-2016.txt"), "--db", db, "--force")[0] == 0
    code, _, err = run(capsys, "alert", str(DATA / "episode_red.csv"), "--db", db)
    assert code == 2 and "several places" in err and "聊城市" in err and "武汉市" in err
    code, out, _ = run(
        capsys, "alert", str(DATA / "episode_red.csv"), "--db", db, "--doc", "聊政办字〔2024〕18号", "--format", "json"
    )
    assert code == 0 and json.loads(out)["plan"]["source"] == "store:聊政办字〔2024〕18号"
    c = TestClient(create_app(f"sqlite:///{db}"))
    res = c.post("/api/v1/alert", content=(DATA / "episode_red.csv").read_bytes(), headers={"Content-Type": "text/csv"})
    assert res.status_code == 400 and "several places" in res.json()["error"]["message"]
