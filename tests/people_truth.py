"""The harness the blind people checks share (湖北 provincial issues, 南通/漳州/泉州 city issues):
issues stored in either order, and the two questions a truth file asks — who holds a post on a
date, which posts a person holds — asked of every store. Each test file keeps its own truth, its
own post aliases and its own docstrings saying what each question checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from gongbao.pipeline import parse_path
from gongbao.query.people import appointments_from_store, find_people, post_ledger


def store_issues(url: str, paths: list[Path]) -> Any:
    from gongbao.store import ingest_issue, open_store

    engine = open_store(url)
    for p in paths:
        ingest_issue(engine, parse_path(p))
    return engine


def both_orders(store_url: str, tmp_path: Path, issues: list[Path]) -> Iterator[tuple[Any, Any]]:
    """The issues stored in date order (on the backend under test) and in reverse order (SQLite)."""
    forward = store_issues(store_url, issues)
    backward = store_issues(f"sqlite:///{tmp_path / 'reverse.db'}", list(reversed(issues)))
    yield forward, backward
    forward.dispose()
    backward.dispose()


def records(engine: Any) -> list[Any]:
    return post_ledger(appointments_from_store(engine))


def assert_same_in_either_order(stores: tuple[Any, Any], n_records: int) -> None:
    a, b = (records(e) for e in stores)
    assert [r.to_json() for r in a] == [r.to_json() for r in b]
    assert len(a) == n_records


def assert_holders(
    stores: tuple[Any, Any], q: dict[str, Any], holders_of: Callable[[list[Any], dict[str, Any]], list[str]]
) -> None:
    """``q``: a post, a date and ``holders`` (exactly), ``includes`` or ``excludes``."""
    for engine in stores:
        got = holders_of(records(engine), q)
        if "holders" in q:
            assert got == sorted(q["holders"])
        assert set(q.get("includes", [])) <= set(got)
        assert not set(q.get("excludes", [])) & set(got)


def assert_posts_of(stores: tuple[Any, Any], q: dict[str, Any], canon: Callable[[str], str]) -> None:
    """``q``: a person, a date and the ``posts`` held (canonical names)."""
    for engine in stores:
        _, holders = find_people(records(engine), person=q["person"], as_of=date.fromisoformat(q["date"]))
        assert holders is not None
        assert sorted({canon(h.post) for h in holders if h.person == q["person"]}) == sorted(q["posts"])
