"""Search answers from one version of a work, and finds a query typed in other widths or brackets.

Blind test of ``gongbao search`` (session 6): the 1990 text and the 2011 republished text of
中外合资经营企业合营期限暂行规定 (``tests/data/store/timeline/issue-1.txt``, ``issue-3.txt``) were both
returned as in force; ``能源交通基金７０％`` and ``聊政办字[2024]17号`` found nothing. Every expected value
here is read from the texts (quoted in the comments), not taken from gongbao's output.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongbao.cli import app
from gongbao.pipeline import parse_path
from gongbao.query.docs import version_as_of
from gongbao.query.search import search, search_page
from gongbao.store import ingest_issue

DATA = Path(__file__).parent / "data"
TIMELINE = DATA / "store" / "timeline"
LIMIT = "中外合资经营企业合营期限暂行规定"
FI_REGS = "中华人民共和国外商投资法实施条例"

# Read from the texts. 1990 (issue-1.txt): 第四条 "…其他审批机关应当在批准后三十天内报对外经济贸易部备案",
# no 第六条 in this printing. 2011 (issue-3.txt, history "根据2011年1月8日《国务院关于废止和修改部分
# 行政法规的决定》修订"): 第四条 "…批准后30天内报…", 第六条 "…将合营合同中合营期限条款修改为不约定合营期限…".
# Both: 第二条 "…可以在合同中约定合营期限，也可以不约定合营期限", 第三条 and its item （五） "…需要约定合营期限的".
V1990, V2011 = date(1990, 10, 22), date(2011, 1, 8)
ONLY_1990, ONLY_2011 = "三十天内报", "30天内报"
IN_BOTH = {"第二条", "第三条", "第三条第（五）项", "第四条", "第五条"}


@pytest.fixture
def timeline(store):
    for k in (1, 2, 3, 4):
        ingest_issue(store, parse_path(TIMELINE / f"issue-{k}.txt"))
    return store


def _limit_hits(store, query, **kw):
    return [h for h in search(store, query, limit=200, **kw) if h.title == LIMIT]


@pytest.mark.parametrize(
    ("day", "version"),
    [
        (date(2005, 6, 1), V1990),
        (date(2011, 1, 7), V1990),  # the day before the 2011 text is valid
        (date(2011, 1, 8), V2011),
        (date(2012, 6, 1), V2011),
        (date(2019, 12, 31), V2011),  # the last day before the repeal (外商投资法实施条例 第四十九条)
    ],
)
def test_one_version_of_the_work_per_date(timeline, day, version):
    hits = _limit_hits(timeline, "合营期限", as_of=day, in_force=True)
    assert {h.valid_from for h in hits} == {version}
    cites = [h.citation for h in hits if h.citation]
    assert len(cites) == len(set(cites)), "an article found twice: two versions returned"
    expected = IN_BOTH | ({"第六条"} if version == V2011 else set())
    assert set(cites) == expected
    # the text valid on the date, as `gongbao show --as-of` picks it
    assert version_as_of(timeline, LIMIT, day).valid_from == version
    only, other = (ONLY_1990, ONLY_2011) if version == V1990 else (ONLY_2011, ONLY_1990)
    assert [(h.citation, h.valid_from) for h in _limit_hits(timeline, only, as_of=day)] == [("第四条", version)]
    assert _limit_hits(timeline, other, as_of=day) == []


def test_without_as_of_todays_version_and_its_state(timeline):
    """Repealed from 2020-01-01 (外商投资法实施条例 第四十九条): today the 2011 text, repealed."""
    hits = _limit_hits(timeline, "合营期限")
    assert hits and {(h.valid_from, h.state) for h in hits} == {(V2011, "repealed")}
    assert _limit_hits(timeline, ONLY_1990) == []
    assert _limit_hits(timeline, "合营期限", in_force=True) == []
    fi = [h for h in search(timeline, "合营期限", in_force=True) if h.title == FI_REGS]
    assert [h.citation for h in fi] == ["第四十九条"]


def test_the_api_page_searches_one_version_too(timeline):
    hits, matches = search_page(timeline, "合营期限", as_of=date(2012, 6, 1), in_force=True)
    mine = [h for h in hits if h.title == LIMIT]
    assert {h.valid_from for h in mine} == {V2011}
    assert len([m for m in matches if m[1] == LIMIT]) == len(mine)


def test_the_cli_says_which_version(timeline, store_url):
    args = ["search", "合营期限", "--as-of", "2019-12-31", "--in-force", "--db", store_url]
    r = CliRunner().invoke(app, [*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    out = [h for h in json.loads(r.output)["hits"] if h["title"] == LIMIT]
    assert out and {h["valid_from"] for h in out} == {"2011-01-08"}
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0 and "version of 2011-01-08" in r.output and "version of 1990-10-22" not in r.output


def test_the_cli_pages(timeline, store_url):
    base = ["search", "合营期限", "--as-of", "2019-12-31", "--db", store_url, "--format", "json"]
    r = CliRunner().invoke(app, [*base, "--limit", "100"])
    everything = [(h["document"], h["eid"]) for h in json.loads(r.output)["hits"]]
    assert len(everything) > 4
    pages = []
    for page in (1, 2, 3, 4):
        r = CliRunner().invoke(app, [*base, "--limit", "2", "--page", str(page)])
        assert r.exit_code == 0, r.output
        pages += [(h["document"], h["eid"]) for h in json.loads(r.output)["hits"]]
    assert pages == everything[:8]
    r = CliRunner().invoke(app, [*base, "--page", "0"])
    assert r.exit_code != 0


# ------------------------------------------------------------------ query forms


@pytest.fixture
def gazettes(store):
    for p in (
        DATA / "gazettes" / "gwyb-1996-fullwidth-layout.txt",
        DATA / "gazettes" / "gwyb-1987-ocr-layout.txt",
        Path(__file__).parents[1] / "samples" / "liaocheng-2024-11-12.txt",
    ):
        ingest_issue(store, parse_path(p))
    return store


# gwyb-1996: 三、… "按各省、自治区、直辖市劳改劳教单位交纳“两金”70%中的中央应负担部分（能源交通基金70%，
# 预算调节基金50%）…" of 关于返还劳改劳教单位能源交通基金和预算调节基金问题的通知 (the only 能源交通基金70%).
FUND = "关于返还劳改劳教单位能源交通基金和预算调节基金问题的通知"


@pytest.mark.parametrize("query", ["能源交通基金70%", "能源交通基金７０％", "能源交通基金70％", "能源交通基金７０%"])
def test_a_query_in_full_width_finds_the_half_width_text(gazettes, query):
    hits = search(gazettes, query, limit=50)
    assert [(h.title, h.citation) for h in hits] == [(FUND, "三、")]
    assert "«能源交通基金70%»" in hits[0].snippet
    page, _ = search_page(gazettes, query)
    assert [(h.title, h.citation) for h in page] == [(FUND, "三、")]


# liaocheng-2024-11-12: the notice printed "聊城市人民政府办公室 / 聊政办字〔2024〕17号 / …关于印发聊城市
# 农村产权流转交易管理办法（试行）的通知"; 聊政任〔2024〕17号 is another document.
@pytest.mark.parametrize(
    "query",
    ["聊政办字〔2024〕17号", "聊政办字[2024]17号", "聊政办字【2024】17号", "聊政办字（2024）17号", "聊政办字(2024)17号",
     "聊政办字［２０２４］１７号", "聊政办字﹝2024﹞17号", "关于印发 聊政办字[2024]17号"],
)  # fmt: skip
def test_a_wenhao_in_any_brackets_finds_the_document(gazettes, query):
    for hits in (search(gazettes, query, limit=50), search_page(gazettes, query)[0]):
        assert hits and {h.document for h in hits} == {"聊政办字〔2024〕17号"}
        assert any("农村产权流转交易管理办法" in h.title for h in hits)


# gwyb-1987 (OCR) prints the 文号 under its title as "国发(1987) 28号".
@pytest.mark.parametrize("query", ["国发〔1987〕28号", "国发[1987]28号", "国发（１９８７）２８号"])
def test_a_wenhao_printed_in_other_brackets_is_found(gazettes, query):
    hits = search(gazettes, query, limit=50)
    assert hits and {h.document for h in hits} == {"国发〔1987〕28号"}


# liaocheng: "…全市细颗粒物（PM_{2.5}）年均浓度达到43微克/立方米…" (聊政字〔2024〕15号, 一、) and "因细颗粒物
# （PM_{2.5}）污染造成的重污染天气…" (聊政办字〔2024〕18号, 一、（三）).
@pytest.mark.parametrize("query", ["PM2.5", "ＰＭ２．５", "PM_{2.5}"])
def test_pm25_in_any_form(gazettes, query):
    hits = search(gazettes, query, limit=50)
    assert {(h.document, h.citation) for h in hits} == {
        ("聊政字〔2024〕15号", "一、"),
        ("聊政办字〔2024〕18号", "一、（三）"),
    }
