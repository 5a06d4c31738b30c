"""A history line read whatever its brackets and numerals, every date of a 、-joined step, the
work's start from its first publication, and ``show`` after a repeal: real State Council texts
arranged as four gazette issues (``tests/data/store/timeline/``, sources in its README). Every
expected value comes from ``truth.json`` there, written by reading the texts, not from gongbao."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gongbao.errors import CitationError
from gongbao.pipeline import parse_path
from gongbao.query.docs import list_documents, version_as_of
from gongbao.query.status import status
from gongbao.store import ingest_issue, open_store

DATA = Path(__file__).parent / "data" / "store" / "timeline"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
ISSUES = [DATA / f"issue-{k}.txt" for k in (1, 2, 3, 4)]

LIMIT = "中外合资经营企业合营期限暂行规定"  # D1, D5
JV_REGS = "中华人民共和国中外合资经营企业法实施条例"  # D4
FI_REGS = "中华人民共和国外商投资法实施条例"  # D7
DECISION = "国务院关于修改《中华人民共和国中外合资经营企业法实施条例》的决定"  # D3
REVISION_2011 = "国务院关于废止和修改部分行政法规的决定"


def _truth(doc_id: str) -> dict:
    return next(d for d in TRUTH["documents"] if d["id"] == doc_id)


def _article(text: str, label: str) -> str:
    line = next(p for p in text.split("\n") if p.startswith(label))
    return line[len(label) :].strip()


# ------------------------------------------------------------------ the history line under a title


@pytest.mark.parametrize("name", ["issue-1.txt", "issue-1-bracketed.txt"])
def test_a_history_line_is_never_glued_to_the_title(name):
    """一九九○年九月三十日国务院批准　一九九○年十月二十二日对外经济贸易部发布, printed under the title
    without brackets (as the real copy prints it) or in them: one document, its title alone, both
    history steps read (D1)."""
    d1 = _truth("D1")
    issue = parse_path(DATA / name)
    assert [d.title for d in issue.documents] == [d1["title"]]
    doc = issue.documents[0]
    steps = [(h.date, h.event, h.actor) for h in doc.history]
    assert steps == [(date(1990, 9, 30), "批准", "国务院"), (date(1990, 10, 22), "发布", "对外经济贸易部")]
    assert doc.effective_date == date.fromisoformat(d1["effective"])  # 第七条 本规定自发布之日起施行
    assert doc.published_date == date.fromisoformat(d1["signed"])
    assert doc.issuer == "对外经济贸易部"


def test_every_date_of_a_joined_step_is_a_step_and_the_work_starts_with_its_publication():
    """（1983年9月20日国务院发布　1986年1月15日、1987年12月21日国务院修订　根据2001年7月22日《…》修订）,
    printed after the 令 that promulgates the 2001 decision (D4): four steps; the work began in 1983."""
    issue = parse_path(DATA / "issue-2.txt")
    doc = next(d for d in issue.documents if d.title == JV_REGS)
    steps = [(h.date, h.event, h.actor or h.by) for h in doc.history]
    assert steps[:3] == [
        (date(1983, 9, 20), "发布", "国务院"),
        (date(1986, 1, 15), "修订", "国务院"),
        (date(1987, 12, 21), "修订", "国务院"),
    ]
    assert steps[3][:2] == (date(2001, 7, 22), "修订") and "修改" in (steps[3][2] or "")
    assert doc.effective_date == date(1983, 9, 20)  # D4: "1983-09-20 (work)"


# ------------------------------------------------------------------ the store: status and show


@pytest.fixture(scope="module", params=["forward", "reversed"])
def kb(request, tmp_path_factory):
    """The four issues in a fresh store, ingested in the printed order and in reverse."""
    path = tmp_path_factory.mktemp("timeline") / "kb.db"
    engine = open_store(f"sqlite:///{path}")
    for p in ISSUES if request.param == "forward" else ISSUES[::-1]:
        ingest_issue(engine, parse_path(p))
    yield engine, f"sqlite:///{path}"
    engine.dispose()


def test_one_work_per_title_in_the_store(kb):
    engine, _ = kb
    titles = {d.title for d in list_documents(engine)}
    assert {LIMIT, JV_REGS, FI_REGS, DECISION} <= titles
    assert not [t for t in titles if t.startswith(LIMIT) and t != LIMIT]  # no title with the history glued on


# (date, work) -> (in force?, state when the truth names one, repealed/amended by, since)
_STATUS = [
    ("1989-06-01", LIMIT, False, "not_yet_in_force", None, None),
    ("1989-06-01", JV_REGS, True, None, None, None),
    ("1989-06-01", FI_REGS, False, "not_yet_in_force", None, None),
    ("1995-06-01", LIMIT, True, "in_force", None, None),
    ("1995-06-01", JV_REGS, True, None, None, None),
    ("1995-06-01", FI_REGS, False, "not_yet_in_force", None, None),
    ("2005-06-01", LIMIT, True, "in_force", None, None),
    ("2005-06-01", JV_REGS, True, "amended", DECISION, "2001-07-22"),
    ("2005-06-01", FI_REGS, False, "not_yet_in_force", None, None),
    ("2012-06-01", LIMIT, True, "amended", REVISION_2011, "2011-01-08"),
    ("2012-06-01", JV_REGS, True, "amended", DECISION, "2001-07-22"),
    ("2012-06-01", FI_REGS, False, "not_yet_in_force", None, None),
    ("2019-12-30", LIMIT, True, None, None, None),
    ("2019-12-30", JV_REGS, True, None, None, None),
    ("2019-12-30", FI_REGS, False, "not_yet_in_force", None, None),
    ("2020-06-01", LIMIT, False, "repealed", FI_REGS, "2020-01-01"),
    ("2020-06-01", JV_REGS, False, "repealed", FI_REGS, "2020-01-01"),
    ("2020-06-01", "中华人民共和国外资企业法实施细则", False, "repealed", FI_REGS, "2020-01-01"),
    ("2020-06-01", "中华人民共和国中外合作经营企业法实施细则", False, "repealed", FI_REGS, "2020-01-01"),
    ("2020-06-01", FI_REGS, True, "in_force", None, None),
]


def test_the_status_table_covers_the_truth():
    named = {(day, work) for day, works in TRUTH["status_on_dates"].items() for work in works}
    assert named == {(row[0], row[1]) for row in _STATUS}


@pytest.mark.parametrize(
    ("day", "work", "in_force", "state", "by", "since"), _STATUS, ids=[f"{r[1]}@{r[0]}" for r in _STATUS]
)
def test_status_on_the_truths_dates(kb, day, work, in_force, state, by, since):
    st = status(kb[0], work, date.fromisoformat(day))
    assert st.in_force is in_force, st.describe()
    if state is not None:
        assert st.state == state, st.describe()
    if state == "repealed":
        assert (st.repealed_by, st.repealed_since) == (by, date.fromisoformat(since))
    elif state == "amended":
        assert (by, date.fromisoformat(since)) in [(c.by, c.since) for c in st.amended_by]


def test_the_implementing_regulations_start_in_1983_with_every_revision(kb):
    st = status(kb[0], JV_REGS, date(2005, 6, 1))
    assert st.valid_from == date(1983, 9, 20)
    changes = [(c.by, c.since) for c in st.amended_by]
    assert changes == [("国务院", date(1986, 1, 15)), ("国务院", date(1987, 12, 21)), (DECISION, date(2001, 7, 22))]


def test_the_text_in_force_on_each_date(kb):
    engine, _ = kb
    article_1 = next(a for a in TRUTH["amended_articles"] if a["work"] == LIMIT and a["article"] == "第一条")
    assert _article(version_as_of(engine, LIMIT, date(1995, 6, 1)).text, "第一条") == article_1["before"]
    assert _article(version_as_of(engine, LIMIT, date(2010, 12, 31)).text, "第一条") == article_1["before"]
    assert _article(version_as_of(engine, LIMIT, date(2012, 6, 1)).text, "第一条") == article_1["after"]
    assert _article(version_as_of(engine, LIMIT, date(2019, 12, 31)).text, "第一条") == article_1["after"]
    article_3 = next(a for a in TRUTH["amended_articles"] if a["work"] == JV_REGS)
    text = version_as_of(engine, JV_REGS, date(2005, 6, 1)).text
    printed = text[text.index("第三条") :].split("\n")[:2]
    assert "\n".join([printed[0][3:].strip(), printed[1]]) == article_3["after"]
    with pytest.raises(CitationError, match="no stored version"):
        version_as_of(engine, JV_REGS, date(2001, 7, 21))  # the pre-2001 text is in no issue


@pytest.mark.parametrize("work", [LIMIT, JV_REGS])
def test_no_text_is_in_force_after_the_repeal(kb, work):
    with pytest.raises(CitationError) as e:
        version_as_of(kb[0], work, date(2020, 6, 1))
    msg = str(e.value)
    assert "repealed" in msg and FI_REGS in msg and "2020-01-01" in msg and "2019-12-31" in msg


def test_show_after_the_repeal_says_so_and_exits_2(kb):
    """As for a date before the first stored version: no text, one line on stderr, exit 2."""
    _, url = kb
    cmd = [sys.executable, "-m", "gongbao.cli", "show", LIMIT, "--as-of", "2020-06-01", "--at", "第一条", "--db", url]
    res = subprocess.run([*cmd, "-f", "json"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and res.stdout == ""
    assert f"repealed by {FI_REGS} from 2020-01-01" in res.stderr and "Traceback" not in res.stderr
    cmd[cmd.index("2020-06-01")] = "2019-12-31"
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().replace("\u3000", "").removeprefix("第一条") == article_after()


def article_after() -> str:
    return next(a for a in TRUTH["amended_articles"] if a["work"] == LIMIT and a["article"] == "第一条")["after"]


def test_an_order_links_to_the_instrument_it_promulgates(kb):
    # the truth names each instrument with its order (… (令723), … (令311)): links says so both ways
    from gongbao.query.links import links

    engine, _ = kb
    order = links(engine, "国务院令第723号")
    assert [(x.kind, x.other) for x in order.outgoing] == [("promulgates", FI_REGS)]
    back = links(engine, FI_REGS)
    assert (back.incoming[0].kind, back.incoming[0].other) == ("promulgates", "中华人民共和国国务院令第723号")
    assert ("promulgates", DECISION) in [(x.kind, x.other) for x in links(engine, "国务院令第311号").outgoing]


def test_both_implementing_regulations_are_administrative_regulations(kb):
    # a 条例 promulgated by a 国务院令 is a 行政法规 (立法法): the one printed with its 国务院 history
    # and the one printed under 国务院令第723号 are the same kind
    engine, _ = kb
    kinds = {d.ref: d.kind for d in list_documents(engine)}
    assert kinds[FI_REGS] == kinds[JV_REGS] == "行政法规"
