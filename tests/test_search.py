"""Search to the article, on SQLite and PostgreSQL: exact at every length, ranked, filtered."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from gongbao.cli import app
from gongbao.errors import InputError
from gongbao.query.search import search, snippet
from gongbao.store import ingest_issue
from gongbao.store.citation import flatten

QUERIES = [
    "拒载",
    "燃气",
    "废止",
    "市",
    "载",
    "出租汽车",
    "第二十九条",
    "（三）拒载",
    "拒载 甩客",
    "2024",
    "办法（试行）",
]


def brute_force(issue, query: str) -> set[tuple[str, str]]:
    """(document ref, eid) of every node whose whitespace-free text contains every term."""
    terms = ["".join(t.split()).lower() for t in query.split()]
    out = set()
    for doc in issue.documents:
        for row in flatten(doc):
            text = "".join(row.text.split()).lower()
            if row.text.strip() and all(t in text for t in terms):
                out.add((doc.ref, row.eid))
    return out


@pytest.fixture
def hand_store(store, hand_made_issue):
    ingest_issue(store, hand_made_issue)
    return store


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_brute_force_scan(hand_store, hand_made_issue, query):
    got = {(h.document, h.eid) for h in search(hand_store, query, limit=100_000)}
    expected = brute_force(hand_made_issue, query)
    assert expected, "the query should occur in the fixture"
    assert got == expected


def test_refuse_to_juke_is_article_29_item_3(hand_store):
    hits = search(hand_store, "拒载", as_of=date(2025, 1, 1))
    top = hits[0]
    assert (top.document, top.citation, top.eid) == (
        "聊城市巡游出租汽车经营服务管理办法",
        "第二十九条第（三）项",
        "art_29__para_1__point_3",
    )
    assert top.snippet.startswith("（三）«拒载»、途中甩客") and (top.match_start, top.match_end) == (3, 5)
    assert top.state == "in_force" and top.article_eid == "art_29"


def test_in_force_ranks_before_not_yet_in_force(hand_store):
    hits = search(hand_store, "办法", as_of=date(2025, 1, 15), limit=1000)
    states = [h.state for h in hits]
    assert "not_yet_in_force" in states and "in_force" in states
    assert states == sorted(states, key=["in_force", "not_yet_in_force", "expired", "repealed"].index)
    assert all(h.document == "聊政办字〔2024〕17号" for h in hits if h.state == "not_yet_in_force")


def test_filters(hand_store):
    assert {h.document for h in search(hand_store, "办法", kind="规章", limit=1000)} == {
        "聊城市巡游出租汽车经营服务管理办法"
    }
    assert {h.document for h in search(hand_store, "通知", issuer="办公室", limit=1000)} == {
        "聊政办字〔2024〕17号",
        "聊政办字〔2024〕21号",
    }
    in_force = {h.document for h in search(hand_store, "办法", as_of=date(2025, 1, 15), in_force=True, limit=1000)}
    assert "聊政办字〔2024〕17号" not in in_force and "聊城市巡游出租汽车经营服务管理办法" in in_force
    # --as-of before anything was published: no hits at all.
    assert search(hand_store, "办法", as_of=date(2024, 1, 1)) == []
    assert len(search(hand_store, "市", limit=3)) == 3


def test_bad_queries(hand_store):
    with pytest.raises(InputError):
        search(hand_store, "   ")
    with pytest.raises(InputError):
        search(hand_store, "市", limit=0)
    assert search(hand_store, "没有这个词语") == []


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("自 2025 年 2 月 1 日起施行", ["2025年"], "自 «2025 年» 2 月 1 日起施行"),
        ("燃气经营企业和燃气用户", ["燃气"], "«燃气»经营企业和«燃气»用户"),
        ("拒载、途中甩客", ["甩客", "拒载"], "«拒载»、途中«甩客»"),
    ],
    ids=["spaced-digits", "repeated", "two-terms"],
)
def test_snippet_marks_matches(text, terms, marked):
    assert snippet(text, terms)[0] == marked


def test_sample_search_finds_article_29(store, sample_issue):
    ingest_issue(store, sample_issue)
    hits = search(store, "拒载")
    assert hits[0].document == "聊城市巡游出租汽车经营服务管理办法"
    assert hits[0].citation.startswith("第二十九条")
    for word in ("燃气", "废止", "拒载", "市"):
        assert search(store, word, limit=5), word


def test_cli_search_json(store_url, hand_made_issue):
    from gongbao.store import open_store

    ingest_issue(open_store(store_url), hand_made_issue)
    r = CliRunner().invoke(app, ["search", "拒载", "--db", store_url, "--format", "json", "--as-of", "2025-01-01"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["schema"] == "gongbao.search/1" and out["as_of"] == "2025-01-01"
    assert out["hits"][0]["citation"] == "第二十九条第（三）项"
    assert set(out["hits"][0]) == {
        "document", "title", "kind", "eid", "node_kind", "citation", "article_eid", "snippet", "match", "score", "state",
        "valid_from", "superseded",
    }  # fmt: skip
    assert out["hits"][0]["superseded"] is None  # the sample's regulations are republished, not consolidated
    r = CliRunner().invoke(app, ["search", "拒载", "--db", store_url])
    assert r.exit_code == 0 and "第二十九条第（三）项" in r.output and "«拒载»" in r.output
    r = CliRunner().invoke(app, ["search", "拒载", "--db", store_url, "--as-of", "2025-13-01"])
    assert r.exit_code != 0


def test_rank_window_bounds_the_candidates(hand_store, hand_made_issue):
    everything = brute_force(hand_made_issue, "市")
    assert len(everything) > 50
    windowed = {(h.document, h.eid) for h in search(hand_store, "市", limit=1000, window=50)}
    assert len(windowed) == 50 and windowed <= everything
    assert {(h.document, h.eid) for h in search(hand_store, "市", limit=1000, window=None)} == everything
