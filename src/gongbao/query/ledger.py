"""The task ledger across documents: filter by unit, role, deadline, document (issue #7).

``build_ledger(documents)`` extracts every document's tasks and a unit registry from
the unit names they print; the query functions filter and count; the ``*_csv`` /
``*_json`` functions format results for the CLI and the API. A unit query matches the
unit's aliases (市发改委 finds 市发展和改革委员会 and 市发展改革委).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongbao import model
from gongbao.extract.targets import Target
from gongbao.extract.tasks import (
    ROLES,
    Goal,
    Task,
    extract_goals,
    extract_tasks,
    unread_task_tables,
    unread_unit_clauses,
)
from gongbao.extract.units import UnitRegistry, jurisdiction_of

__all__ = [
    "SCHEMA_TARGETS",
    "SCHEMA_TASKS",
    "SCHEMA_UNITS",
    "Ledger",
    "StoredLedger",
    "UnitCount",
    "build_ledger",
    "documents_from_store",
    "filter_tasks",
    "normalize_ref",
    "select_targets",
    "targets_csv",
    "targets_json",
    "tasks_csv",
    "tasks_json",
    "unit_counts",
    "units_csv",
    "units_json",
]

SCHEMA_TASKS = "gongbao.tasks/1"
SCHEMA_TARGETS = "gongbao.targets/1"
SCHEMA_UNITS = "gongbao.units/1"
ROLE_NAMES = {"lead": "牵头", "cooperating": "配合", "responsible": "责任"}
_BOM = "\ufeff"


@dataclass(slots=True)
class Ledger:
    """All tasks of a set of documents, in document then print order, and their units."""

    tasks: list[Task]
    registry: UnitRegistry
    documents: list[str] = field(default_factory=list)  # refs of the documents that have tasks
    goals: list[Goal] = field(default_factory=list)  # targets printed outside tasks
    warnings: list[str] = field(default_factory=list)  # task tables and unit clauses no task was read from
    # the title of a covering notice (关于印发X的通知) by its plan's (文号, X): --doc takes either
    notice_titles: dict[tuple[str | None, str | None], str] = field(default_factory=dict)


def build_ledger(documents: Iterable[model.Document]) -> Ledger:
    """Extract the tasks of every document and build the unit registry from them.

    Documents without unit clauses contribute only their goals (a goals section, a target
    table, forward-dated paragraphs). The registry learns the printed
    names of all units and the aliases the texts define (以下简称).
    """
    tasks: list[Task] = []
    goals: list[Goal] = []
    texts: list[str] = []
    refs: list[str] = []
    places: Counter[str] = Counter()
    warnings: list[str] = []
    notice_titles: dict[tuple[str | None, str | None], str] = {}
    for doc in documents:
        found = extract_tasks(doc)
        warnings.extend(unread_warning(doc.ref, "unread_table", h) for h in unread_task_tables(doc.text))
        warnings.extend(unread_warning(doc.ref, "unread_clause", c) for c in unread_unit_clauses(doc.text))
        place = jurisdiction_of(doc.issuer)
        if place:
            places[place] += 1
        if found:
            if doc.instrument_title and doc.title and doc.title != doc.instrument_title:
                notice_titles[(found[0].doc_number, found[0].doc_title)] = doc.title
            tasks.extend(found)
            goals.extend(extract_goals(doc, found))
            texts.append(doc.text)
            refs.append(doc.ref)
        else:
            # a plan without unit clauses still prints its goals (工作目标, a target table)
            goals.extend(extract_goals(doc, found))
    # the place the documents are of: their issuers' (聊城市人民政府… -> 聊城市)
    jurisdiction = places.most_common(1)[0][0] if places else None
    registry = UnitRegistry.from_names((u for t in tasks for u in t.units()), texts=texts, jurisdiction=jurisdiction)
    return Ledger(tasks, registry, refs, goals, warnings, notice_titles)


def unread_warning(ref: str, kind: str, printed: str) -> model.Warning:
    """The coded warning of a task table (``kind`` unread_table) or a unit clause (unread_clause)
    from which no task was read, as the ledger and the store both word it."""
    if kind == "unread_table":
        return model.Warning("task_table_unread", f"{ref}: a task table gave no rows (header: {printed})")
    return model.Warning("task_clause_unread", f"{ref}: a unit clause was read into no task: {printed}")


def normalize_ref(ref: str) -> str:
    """A 文号 folded for comparison: no whitespace, every bracket style as 〔〕."""
    s = re.sub(r"\s+", "", ref)
    s = re.sub(r"[\[［【(（〔]", "〔", s)
    return re.sub(r"[\]］】)）〕]", "〕", s)


def _doc_matches(task: Task | Goal, doc: str, notice_title: str | None = None) -> bool:
    q = normalize_ref(doc)
    if task.doc_number and normalize_ref(task.doc_number) == q:
        return True
    return bool(q) and any(t and q in re.sub(r"\s+", "", t) for t in (task.doc_title, notice_title))


def filter_tasks(
    ledger: Ledger | StoredLedger,
    *,
    unit: str | None = None,
    role: str | None = None,
    due_before: date | None = None,
    doc: str | None = None,
) -> list[Task]:
    """Tasks matching every filter given.

    ``unit``: the unit (any alias) takes part, in ``role`` when given; ``role`` alone:
    the task has units in that role; ``due_before``: the task's deadline is on or before
    the date (tasks without a dated deadline are left out); ``doc``: 文号 (any bracket
    style) or part of the title.
    """
    if isinstance(ledger, StoredLedger):
        return ledger.find(unit=unit, role=role, due_before=due_before, doc=doc)[1]
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r} (lead, cooperating, responsible)")
    out = []
    for t in ledger.tasks:
        if doc and not _doc_matches(t, doc, ledger.notice_titles.get((t.doc_number, t.doc_title))):
            continue
        if unit:
            if not any(ledger.registry.matches(unit, u) for u in t.units(role)):
                continue
        elif role and not t.units(role):
            continue
        if due_before is not None:
            d = t.deadline
            if d is None or d > due_before:
                continue
        out.append(t)
    return out


@dataclass(slots=True)
class UnitCount:
    """One unit with the number of tasks it has in each role."""

    unit: str
    aliases: list[str]
    collective: bool
    lead: int = 0
    cooperating: int = 0
    responsible: int = 0

    @property
    def total(self) -> int:
        return self.lead + self.cooperating + self.responsible

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "aliases": self.aliases,
            "collective": self.collective,
            "lead": self.lead,
            "cooperating": self.cooperating,
            "responsible": self.responsible,
            "total": self.total,
        }


def unit_counts(ledger: Ledger | StoredLedger, tasks: Iterable[Task] | None = None) -> list[UnitCount]:
    """Units (canonical names) with task counts by role, most tasks first.

    A task counts once per unit and role even when the unit is printed twice.
    """
    if isinstance(ledger, StoredLedger) and tasks is None:
        return ledger.unit_counts()
    chosen = ledger.tasks if isinstance(ledger, Ledger) and tasks is None else (tasks or [])
    return _count_units(ledger.registry, ({r: list(t.units(r)) for r in ROLES} for t in chosen))


def select_targets(
    ledger: Ledger | StoredLedger,
    *,
    due_before: date | None = None,
    unit: str | None = None,
    goals: bool = False,
    doc: str | None = None,
) -> list[tuple[Task | Goal, Target]]:
    """``(task, target)`` pairs in ledger order; with ``goals``, also the plans' targets
    printed outside tasks (工作目标…, paired with a ``Goal``; never with ``unit``).
    With ``due_before``, only dated targets due on or before it; with ``doc``, only those of
    the documents it names (文号 or part of the title, as ``filter_tasks``)."""
    holders: list[Task | Goal]
    if isinstance(ledger, StoredLedger):
        holders = list(ledger.find(unit=unit, doc=doc, with_targets=True)[1])
        if goals and not unit:
            holders.extend(ledger.goals())
    else:
        holders = list(filter_tasks(ledger, unit=unit, doc=doc) if unit or doc else ledger.tasks)
        if goals and not unit:
            holders.extend(ledger.goals)
    out = []
    for t in holders:
        if doc and isinstance(t, Goal) and not _doc_matches(t, doc):
            continue
        for g in t.targets:
            if due_before is not None and (g.deadline is None or g.deadline > due_before):
                continue
            out.append((t, g))
    return out


# ---------------------------------------------------------------- formats


def _csv(rows: list[list[Any]]) -> str:
    """CSV for spreadsheets: UTF-8 BOM, CRLF line ends, every field quoted when needed."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return _BOM + buf.getvalue()


def _target_summary(g: Target) -> str:
    """``新能源客车产量达到4000辆（2025-12-31）``, ``漏损率控制在7.7%以内``, ``平台5个左右``."""
    value = f"{g.value:g}" + (f"-{g.value_max:g}" if g.value_max is not None else "") + g.unit
    if "…" in g.comparison:  # 控制在…以内, 增长…以上
        head, tail = g.comparison.split("…", 1)
        phrase = f"{g.metric}{head}{value}{tail}"
    elif g.comparison in ("以上", "以内", "以下", "左右"):
        phrase = f"{g.metric}{value}{g.comparison}"
    else:
        # the relation a qualifier after the number gave (保持在4%左右, 较2013年下降15%以上)
        bound = g.comparison.startswith(("不低于", "不少于", "不小于", "不超过", "不高于", "不大于", "低于", "高于"))
        suffix = "" if bound else {"~": "左右", ">=": "以上", "<=": "以内"}.get(g.relation, "")
        phrase = f"{g.metric}{g.comparison}{value}{suffix}"
    if g.baseline is not None:  # a target table's base column
        phrase += f"（{g.baseline_year}年：{g.baseline:g}）" if g.baseline_year else f"（基期：{g.baseline:g}）"
    if g.attribute:
        phrase += f"〔{g.attribute}〕"
    due = f"（{g.deadline.isoformat()}）" if g.deadline else ("（每年）" if g.recurring else "")
    return phrase + due


def tasks_json(tasks: list[Task]) -> dict[str, Any]:
    """``{"schema": "gongbao.tasks/1", "count": n, "tasks": [Task.to_json()…]}``."""
    return {"schema": SCHEMA_TASKS, "count": len(tasks), "tasks": [t.to_json() for t in tasks]}


def tasks_csv(tasks: list[Task]) -> str:
    """One row per task; unit lists joined with 、; targets summarised; UTF-8 BOM."""
    rows: list[list[Any]] = [
        [
            "doc_number",
            "index",
            "position",
            "eid",
            "heading",
            "lead",
            "cooperating",
            "responsible",
            "deadline",
            "targets",
            "text",
            "due",
        ]
    ]
    for t in tasks:
        d = t.deadline
        rows.append(
            [
                t.doc_number or t.doc_title or "",
                t.index,
                t.position,
                t.eid,
                t.heading or "",
                "、".join(t.lead),
                "、".join(t.cooperating),
                "、".join(t.responsible),
                d.isoformat() if d else "",
                "；".join(_target_summary(g) for g in t.targets),
                t.text,
                t.due or "",  # as printed (持续推进, 6月底完成); last, so the columns before keep their places
            ]
        )
    return _csv(rows)


def tasks_text(tasks: list[Task], *, width: int = 60) -> str:
    """A readable listing: one block per task."""
    lines = []
    for t in tasks:
        d = t.deadline
        head = f"{t.doc_number or t.doc_title or ''} {t.position} [{t.eid}]"
        if d:
            head += f" 期限 {d.isoformat()}"
        if t.due:
            # the deadline as printed: 持续推进 has no date, 6月底完成 names no year
            head += f"（{t.due}）" if d else f" 期限 {t.due}"
        lines.append(head)
        for role in ROLES:
            if t.units(role):
                lines.append(f"  {ROLE_NAMES[role]}：{'、'.join(t.units(role))}")
        text = t.text.replace("\n", "")
        lines.append(f"  {text[:width]}{'…' if len(text) > width else ''}")
        for g in t.targets:
            lines.append(f"  目标：{_target_summary(g)}")
    lines.append(f"{len(tasks)} tasks")
    return "\n".join(lines)


def targets_json(pairs: list[tuple[Task | Goal, Target]]) -> dict[str, Any]:
    """``{"schema": "gongbao.targets/1", "count": n, "targets": [...]}``, each with its task."""
    return {
        "schema": SCHEMA_TARGETS,
        "count": len(pairs),
        "targets": [
            {
                **g.to_json(),
                "doc_number": t.doc_number,
                "position": t.position,
                "eid": t.eid,
                "in_task": isinstance(t, Task),
                "lead": list(t.lead),
                "responsible": list(t.responsible),
            }
            for t, g in pairs
        ],
    }


def targets_csv(pairs: list[tuple[Task | Goal, Target]]) -> str:
    rows: list[list[Any]] = [
        [
            "doc_number",
            "position",
            "eid",
            "metric",
            "comparison",
            "value",
            "value_max",
            "unit",
            "deadline",
            "recurring",
            "lead",
            "responsible",
            "text",
        ]
    ]
    for t, g in pairs:
        rows.append(
            [
                t.doc_number or "",
                t.position,
                t.eid,
                g.metric,
                g.comparison,
                f"{g.value:g}",
                f"{g.value_max:g}" if g.value_max is not None else "",
                g.unit,
                g.deadline.isoformat() if g.deadline else "",
                "yes" if g.recurring else "",
                "、".join(t.lead),
                "、".join(t.responsible),
                g.text,
            ]
        )
    return _csv(rows)


def targets_text(pairs: list[tuple[Task | Goal, Target]]) -> str:
    lines = []
    for t, g in pairs:
        if isinstance(t, Goal):
            who = "（目标，无责任单位）"
        else:
            who = f"牵头：{'、'.join(t.lead)}" if t.lead else f"责任：{'、'.join(t.responsible) or '—'}"
        lines.append(f"{t.doc_number or ''} {t.position} {_target_summary(g)}  {who}")
    lines.append(f"{len(pairs)} targets")
    return "\n".join(lines)


def units_json(counts: list[UnitCount]) -> dict[str, Any]:
    return {"schema": SCHEMA_UNITS, "count": len(counts), "units": [c.to_json() for c in counts]}


def units_csv(counts: list[UnitCount]) -> str:
    rows: list[list[Any]] = [["unit", "lead", "cooperating", "responsible", "total", "collective", "aliases"]]
    for c in counts:
        rows.append(
            [c.unit, c.lead, c.cooperating, c.responsible, c.total, "yes" if c.collective else "", "、".join(c.aliases)]
        )
    return _csv(rows)


def units_text(counts: list[UnitCount]) -> str:
    lines = [f"{'牵头':>4} {'配合':>4} {'责任':>4}  单位"]
    for c in counts:
        alias = f"（又作 {'、'.join(c.aliases)}）" if c.aliases else ""
        mark = " [集合]" if c.collective else ""
        lines.append(f"{c.lead:>6} {c.cooperating:>6} {c.responsible:>6}  {c.unit}{mark}{alias}")
    lines.append(f"{len(counts)} units")
    return "\n".join(lines)


# ---------------------------------------------------------------- the store


def documents_from_store(engine: Any, *, doc: str | None = None, kind: str | None = None) -> list[model.Document]:
    """Documents read back from the store (``gongbao.store``), with text and body tree.

    Only what the extractors need is rebuilt: 文号, title, instrument title, kind, issuer, signed
    date, text, and the tree's eids with their offsets. ``doc`` limits the read to documents
    whose 文号 (any bracket style) or title contains it; ``kind`` to one kind (任免通知).
    """
    import sqlalchemy as sa

    from gongbao.store.ledger import DOCUMENT_COLUMNS, stored_document
    from gongbao.store.schema import documents

    out: list[model.Document] = []
    q = sa.select(*DOCUMENT_COLUMNS).order_by(documents.c.issue_id, documents.c.ordinal)
    if kind is not None:
        q = q.where(documents.c.kind == kind)
    with engine.connect() as conn:
        for r in conn.execute(q).all():
            if doc and not (
                (r.doc_number and normalize_ref(r.doc_number) == normalize_ref(doc))
                or normalize_ref(doc) in normalize_ref(r.title or "")
            ):
                continue
            out.append(stored_document(conn, r))
    return out


class StoredLedger:
    """The task ledger of a store, read from the rows ``store_issue`` wrote at ingest
    (``gongbao.store.ledger``): each question reads the unit names (to resolve aliases) and then
    only the tasks it returns. Answers equal ``build_ledger(documents_from_store(engine))``'s.

    ``StoredLedger.open(engine)`` re-extracts the ledger first when it was made by another
    extractor (``store.ledger.ensure_current``).
    """

    def __init__(self, engine: Any, registry: UnitRegistry) -> None:
        self.engine = engine
        self.registry = registry

    @classmethod
    def open(cls, engine: Any) -> StoredLedger:
        import sqlalchemy as sa

        from gongbao.store.ledger import ensure_current
        from gongbao.store.schema import documents, task_units, unit_aliases

        ensure_current(engine)
        places: Counter[str] = Counter()
        with engine.connect() as conn:
            for issuer, n in conn.execute(
                sa.select(documents.c.issuer, sa.func.count())
                .group_by(documents.c.issuer)
                .order_by(sa.func.min(documents.c.id))
            ):
                place = jurisdiction_of(issuer)
                if place:
                    places[place] += int(n)
            reg = UnitRegistry(places.most_common(1)[0][0] if places else None)
            for full, short in conn.execute(
                sa.select(unit_aliases.c.full_name, unit_aliases.c.short_name).order_by(unit_aliases.c.id)
            ):
                reg.add_alias(full, short)
            for name, n in conn.execute(
                sa.select(task_units.c.name, sa.func.count())
                .group_by(task_units.c.name)
                .order_by(sa.func.min(task_units.c.id))
            ):
                reg.add(name, int(n))
        return cls(engine, reg)

    # -- what a question reads

    def _ordered(self, kinds: tuple[str, ...], where: list[Any]) -> Any:
        import sqlalchemy as sa

        from gongbao.store.schema import documents, tasks

        return (
            sa.select(tasks.c.id)
            .join(documents, documents.c.id == tasks.c.document_id)
            .where(tasks.c.kind.in_(kinds), *where)
            .order_by(documents.c.issue_id, documents.c.ordinal, tasks.c.kind, tasks.c.ordinal)
        )

    def _unit_task_ids(self, conn: Any, unit: str | None, role: str | None) -> set[int] | None:
        """Ids of the tasks ``unit`` takes part in (in ``role``), or having units in ``role``;
        ``None``: no such filter."""
        import sqlalchemy as sa

        from gongbao.store.schema import task_units

        if not unit and not role:
            return None
        q = sa.select(task_units.c.task_id).distinct()
        if role:
            q = q.where(task_units.c.role == role)
        if not unit:
            return {int(x) for x in conn.execute(q).scalars()}
        names = [
            n for n in conn.execute(sa.select(task_units.c.name).distinct()).scalars() if self.registry.matches(unit, n)
        ]
        out: set[int] = set()
        for k in range(0, len(names), 500):
            out.update(int(x) for x in conn.execute(q.where(task_units.c.name.in_(names[k : k + 500]))).scalars())
        return out

    def _doc_ids(self, conn: Any, doc: str) -> list[int]:
        """Documents with tasks whose 文号 or title ``doc`` names (as ``filter_tasks``' doc filter)."""
        import sqlalchemy as sa

        from gongbao.store.schema import documents, tasks

        q = normalize_ref(doc)
        rows = conn.execute(
            sa.select(documents.c.id, documents.c.doc_number, documents.c.title, documents.c.instrument_title).where(
                sa.exists().where(tasks.c.document_id == documents.c.id)
            )
        ).all()
        out = []
        for r in rows:
            # the plan's title or its covering notice's (关于印发…的通知)
            titles = (r.instrument_title, r.title)
            if (r.doc_number and normalize_ref(r.doc_number) == q) or (
                q and any(t and q in re.sub(r"\s+", "", t) for t in titles)
            ):
                out.append(int(r.id))
        return out

    def _load(self, conn: Any, ids: list[int]) -> dict[int, Any]:
        import sqlalchemy as sa

        from gongbao.store.schema import tasks

        out: dict[int, Any] = {}
        for k in range(0, len(ids), 500):
            for tid, kind, data in conn.execute(
                sa.select(tasks.c.id, tasks.c.kind, tasks.c.data).where(tasks.c.id.in_(ids[k : k + 500]))
            ):
                out[int(tid)] = Task.from_record(data) if kind == "task" else Goal.from_record(data)
        return out

    def find(
        self,
        *,
        unit: str | None = None,
        role: str | None = None,
        due_before: date | None = None,
        doc: str | None = None,
        offset: int = 0,
        limit: int | None = None,
        with_targets: bool = False,
    ) -> tuple[int, list[Task]]:
        """``(how many tasks match, the tasks from offset to offset + limit)``, in ledger order;
        the filters are ``filter_tasks``'. ``with_targets``: only tasks with targets."""
        from gongbao.store.schema import tasks

        if role is not None and role not in ROLES:
            raise ValueError(f"unknown role {role!r} (lead, cooperating, responsible)")
        where: list[Any] = []
        if due_before is not None:
            where.append(tasks.c.deadline <= due_before)
        if with_targets:
            where.append(tasks.c.n_targets > 0)
        with self.engine.connect() as conn:
            if doc:
                where.append(tasks.c.document_id.in_(self._doc_ids(conn, doc)))
            wanted = self._unit_task_ids(conn, unit, role)
            ids = [int(x) for x in conn.execute(self._ordered(("task",), where)).scalars()]
            if wanted is not None:
                ids = [x for x in ids if x in wanted]
            page = ids[offset : None if limit is None else offset + limit]
            got = self._load(conn, page)
        return len(ids), [got[x] for x in page]

    def goals(self) -> list[Goal]:
        """Targets the plans print outside their tasks, in ledger order."""
        from gongbao.store.schema import tasks

        with self.engine.connect() as conn:
            ids = [int(x) for x in conn.execute(self._ordered(("goal",), [tasks.c.n_targets > 0])).scalars()]
            got = self._load(conn, ids)
        return [got[x] for x in ids]

    @property
    def warnings(self) -> list[str]:
        """Task tables and unit clauses no task was read from, as ``build_ledger`` words them."""
        import sqlalchemy as sa

        from gongbao.store.schema import documents, tasks

        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(documents.c.ref, tasks.c.kind, tasks.c.data)
                .join(documents, documents.c.id == tasks.c.document_id)
                .where(tasks.c.kind.in_(("unread_table", "unread_clause")))
                .order_by(documents.c.issue_id, documents.c.ordinal, tasks.c.kind.desc(), tasks.c.ordinal)
            ).all()
        return [unread_warning(ref, kind, data.get("header") or data.get("clause") or "") for ref, kind, data in rows]

    def unit_counts(self) -> list[UnitCount]:
        """``unit_counts`` of the whole ledger, from the unit rows alone."""
        import sqlalchemy as sa

        from gongbao.store.schema import task_units

        per_task: dict[int, dict[str, list[str]]] = {}
        with self.engine.connect() as conn:
            for tid, role, name in conn.execute(
                sa.select(task_units.c.task_id, task_units.c.role, task_units.c.name).order_by(task_units.c.id)
            ):
                per_task.setdefault(int(tid), {}).setdefault(role, []).append(name)
        return _count_units(self.registry, per_task.values())


def _count_units(registry: UnitRegistry, tasks: Iterable[dict[str, list[str]]]) -> list[UnitCount]:
    """Units (canonical names) with task counts by role, most tasks first; ``tasks``: each task's
    unit names by role. A task counts once per unit and role even when the unit is printed twice."""
    counts: dict[str, UnitCount] = {}
    for units in tasks:
        for role in ROLES:
            for canon in {registry.canonical(u) for u in units.get(role, ())}:
                c = counts.get(canon)
                if c is None:
                    aliases = sorted(registry.aliases(canon) - {canon})
                    c = counts[canon] = UnitCount(canon, aliases, registry.is_collective(canon))
                setattr(c, role, getattr(c, role) + 1)
    return sorted(counts.values(), key=lambda c: (-c.total, -c.lead, c.unit))
