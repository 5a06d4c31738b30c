"""Shared fixtures.

* ``store_url`` — one fresh, empty store per test, on each backend: an SQLite file and a
  PostgreSQL schema (``$GONGBAO_TEST_PG``, default the local ``gongbao_test`` database). When
  PostgreSQL is unreachable the PostgreSQL cases are skipped locally and FAIL under ``CI=true``.
* ``sample_issue`` — the sample gazette parsed by ``gongbao.pipeline.parse_path`` (session scope).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "liaocheng-2024-11-12.txt"
PG_URL = os.environ.get("GONGBAO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/gongbao_test")

_pg_error: str | None = None
_pg_checked = False


def _pg_reachable() -> str | None:
    """None when the test PostgreSQL server answers, else the reason it does not."""
    global _pg_checked, _pg_error
    if not _pg_checked:
        _pg_checked = True
        try:
            import sqlalchemy as sa

            eng = sa.create_engine(PG_URL)
            with eng.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            eng.dispose()
        except Exception as e:  # any failure to connect
            _pg_error = f"{type(e).__name__}: {str(e).splitlines()[0]}"
    return _pg_error


def pg_schema_url(schema: str) -> str:
    """``PG_URL`` restricted to ``schema`` (created by ``open_store`` if absent)."""
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for a fresh empty store; the same test runs once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    err = _pg_reachable()
    if err:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL unreachable in CI ({PG_URL}): {err}")
        pytest.skip(f"PostgreSQL unreachable: {err}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield pg_schema_url(schema)
    finally:
        from sqlalchemy.orm import close_all_sessions

        close_all_sessions()
        drop_pg_schema(schema)


@pytest.fixture
def store(store_url):
    """An opened empty store (engine) on each backend."""
    from gongbao.store import open_store

    engine = open_store(store_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sample_issue():
    """The sample gazette as the pipeline parses it."""
    from gongbao.pipeline import parse_path

    return parse_path(SAMPLE)


# ------------------------------------------------------------------ a small issue made by hand
# Four documents sliced from the sample by line number, with a minimal article/item tree, so the
# store can be tested independently of the parser (and against fixed expectations).


def _hand_document(source: str, lines: list[tuple[int, int, str]], first: int, last: int, tree: bool, **meta):
    import re

    from gongbao import model
    from gongbao.structure.numerals import cn_to_int

    tb = model.TextBuilder()
    spans: list[tuple[int, int]] = []
    for no, start, text in lines[first - 1 : last]:
        if text.strip():
            if len(tb):
                tb.add_synthetic("\n", start)
            a = len(tb)
            tb.add(text.strip(), start + (len(text) - len(text.lstrip())))
            spans.append((a, len(tb)))
            del no
    mt = tb.build()
    root = model.Node("document", eid="", start=0, end=len(mt))
    if tree:
        art = para = None
        for a, b in spans:
            t = mt.text[a:b]
            m = re.match(r"第([一二三四五六七八九十百零]+)条", t)
            it = re.match(r"[（(]([一二三四五六七八九十]+)[)）]", t)
            if m:
                n = cn_to_int(m.group(1))
                art = model.Node("article", eid=f"art_{n}", label=m.group(0), number=n, start=a, end=b)
                para = model.Node("paragraph", eid=f"art_{n}__para_1", number=1, text=t, start=a, end=b)
                art.children.append(para)
                root.children.append(art)
            elif it and para is not None:
                n = cn_to_int(it.group(1))
                para.children.append(
                    model.Node(
                        "item", eid=f"{para.eid}__point_{n}", label=it.group(0), number=n, text=t, start=a, end=b
                    )
                )
            elif art is not None:
                k = len(art.children) + 1
                para = model.Node("paragraph", eid=f"{art.eid}__para_{k}", number=k, text=t, start=a, end=b)
                art.children.append(para)
            else:
                root.children.append(
                    model.Node("text", eid=f"preamble__para_{len(root.children) + 1}", text=t, start=a, end=b)
                )
    return model.Document(body_mt=mt, body=root if tree else None, **meta)


def hand_issue(path: str = "hand.txt", docs: tuple[str, ...] = ("48", "taxi", "17", "21")):
    """An ``Issue`` of up to four sample documents; ``docs`` picks which (its hash depends on it)."""
    import hashlib
    from datetime import date

    from gongbao import model

    source = SAMPLE.read_text(encoding="utf-8")
    lines, pos = [], 0
    for no, raw in enumerate(source.split("\n"), start=1):
        lines.append((no, pos, raw))
        pos += len(raw) + 1
    ref = model.Ref
    specs = {
        "48": (
            128,
            425,
            False,
            dict(
                title="聊城市人民政府关于修改和废止部分市政府规章的决定",
                kind="令",
                issuer="聊城市人民政府",
                doc_number="聊城市人民政府令第48号",
                signed_date=date(2024, 11, 11),
                effective_date=date(2024, 11, 11),
                repeals=[ref("聊城市人民政府令第34号", "聊城市城市地下管线规划管理办法")],
                amends=[ref(None, "聊城市燃气管理办法"), ref(None, "聊城市巡游出租汽车经营服务管理办法")],
            ),
        ),
        "taxi": (
            653,
            1032,
            True,
            dict(
                title="聊城市巡游出租汽车经营服务管理办法",
                kind="规章",
                issuer="聊城市人民政府",
                effective_date=date(2019, 1, 1),
                parent="聊城市人民政府令第48号",
                history=[
                    model.HistoryEvent(date(2018, 11, 14), "公布"),
                    model.HistoryEvent(date(2024, 11, 11), "修正"),
                ],
            ),
        ),
        "17": (
            1636,
            1700,
            True,
            dict(
                title="聊城市人民政府办公室关于印发聊城市农村产权流转交易管理办法（试行）的通知",
                kind="通知",
                issuer="聊城市人民政府办公室",
                doc_number="聊政办字〔2024〕17号",
                instrument_title="聊城市农村产权流转交易管理办法（试行）",
                signed_date=date(2024, 12, 16),
                effective_date=date(2025, 2, 1),
                expiry_date=date(2027, 1, 31),
            ),
        ),
        "21": (
            2210,
            2224,
            False,
            dict(
                title="聊城市人民政府办公室关于废止聊政发〔2021〕5号行政规范性文件的通知",
                kind="通知",
                issuer="聊城市人民政府办公室",
                doc_number="聊政办字〔2024〕21号",
                signed_date=date(2024, 12, 29),
                repeals=[ref("聊政发〔2021〕5号", "聊城市人民政府关于加快聊城市金融产业高质量发展的意见")],
            ),
        ),
    }
    documents = [_hand_document(source, lines, a, b, tree, **meta) for a, b, tree, meta in (specs[k] for k in docs)]
    # The store identifies an issue by its text: each selection is its own text (a last line names
    # it), and what no document takes is residue, so coverage holds.
    source += f"\n（{'|'.join(docs)}）\n"
    sha = hashlib.sha256(source.encode()).hexdigest()
    taken = sorted((s.start, s.end) for d in documents for s in d.spans())
    residue, pos = [], 0
    for a, b in [*taken, (len(source), len(source))]:
        if a > pos:
            residue.append(model.Residue(pos, a, "unclaimed"))
        pos = max(pos, b)
    return model.Issue(
        path=path,
        source=source,
        sha256=sha,
        masthead=model.Masthead(gazette="聊城市人民政府公报"),
        toc=[],
        documents=documents,
        residue=residue,
    )


@pytest.fixture(scope="session")
def hand_made_issue():
    """Four sample documents (令第48号, the republished taxi regulation, 聊政办字〔2024〕17号 and 21号)."""
    return hand_issue()


def lost_and_doubled(issue) -> tuple[int, int]:
    """Visible characters in no document and no residue, and in more than one."""
    count = [0] * len(issue.source)
    for d in issue.documents:
        for s in d.spans():
            for k in range(s.start, s.end):
                count[k] += 1
    for r in issue.residue:
        for k in range(r.start, r.end):
            count[k] += 1
    visible = [k for k, c in enumerate(issue.source) if not c.isspace()]
    return sum(1 for k in visible if count[k] == 0), sum(1 for k in visible if count[k] > 1)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``gongbao ARGS`` run in this process (``gongbao.cli.main``, as the console script runs it:
    errors become exit 2 and one line): (exit code, stdout, stderr)."""
    from gongbao.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err
