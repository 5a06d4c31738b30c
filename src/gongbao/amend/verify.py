"""Check a decision against the consolidated texts republished with it (``gongbao.verify/1``).

For every instruction: ``match`` when every text it writes (replace, insert, merge,
terms) is found where the decision puts it in the republished text; ``differs`` with
the differing characters when one is not; ``unverifiable`` when it only removes
things (without the pre-amendment text a deletion cannot be compared word for word)
or its regulation is not republished. The old -> new article map is derived from the
decision and the republished structure (see ``mapping.infer_article_map``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from gongbao.amend.grammar import Decision, Instruction
from gongbao.amend.mapping import ArticleMap, infer_article_map
from gongbao.amend.ops import Operation, Target
from gongbao.amend.regtext import Article, Regulation, fold, item_label, parse_item
from gongbao.errors import InstructionError
from gongbao.model import SCHEMA_VERIFY
from gongbao.structure.numerals import int_to_cn

__all__ = ["OpCheck", "char_diff", "verify_decision"]

_TRAIL = "；;。.，,"


@dataclass(slots=True)
class OpCheck:
    """The verdict on one operation: ``match``/``differs``/``unverifiable`` and why."""

    op: Operation
    verdict: str
    where: str | None = None
    expected: str | None = None
    actual: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"op": self.op.id, "verdict": self.verdict}
        if self.where:
            d["where"] = self.where
        if self.note:
            d["note"] = self.note
        if self.verdict == "differs" and self.expected is not None and self.actual is not None:
            d["expected"] = self.expected
            d["actual"] = self.actual
            d["changes"] = char_diff(self.expected, self.actual)
        return d


def char_diff(expected: str, actual: str) -> list[dict[str, str]]:
    """Character-level differences between two (folded) texts, with a little context.

    Each change is ``{"decision": …, "republished": …, "context": …}`` where the first two
    are the differing characters ("" when one side has none).
    """
    a, b = fold(expected), fold(actual)
    out = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        out.append({"decision": a[i1:i2], "republished": b[j1:j2], "context": a[max(0, i1 - 8) : i2 + 8]})
    return out


def _norm_line(s: str, *, item: bool) -> str:
    s = fold(s)
    if item:
        s = s.rstrip(_TRAIL)
    return s


def _same(expected: list[str], actual: list[str]) -> bool:
    if len(expected) != len(actual):
        return False
    for e, a in zip(expected, actual, strict=True):
        is_item = fold(e).startswith("(")
        if _norm_line(e, item=is_item) != _norm_line(a, item=is_item):
            return False
    return True


def _where(art: int, t: Target | None = None) -> str:
    s = f"新第{int_to_cn(art)}条"
    if t is not None and t.paragraph is not None:
        s += f"第{int_to_cn(t.paragraph)}款"
    if t is not None and t.item is not None:
        s += f"第（{int_to_cn(t.item)}）项"
    return s


class _RegulationCheck:
    def __init__(self, ops: list[Operation], new: Regulation, amap: ArticleMap) -> None:
        self.ops = ops
        self.new = new
        self.amap = amap

    # -- positions inside an article

    def _para_new(self, old_art: int, para: int) -> int:
        """New index of an original paragraph: minus deleted/merged before it, plus inserted before it."""
        shift = 0
        for op in self.ops:
            t = op.target
            if t.article != old_art:
                continue
            if op.action == "delete" and t.level == "paragraph" and t.paragraph is not None and t.paragraph < para:
                shift -= 1
            elif op.action == "merge" and op.merge_paragraphs and t.level == "paragraph":
                shift -= sum(1 for p in op.merge_paragraphs[1:] if p < para)
            elif op.action == "insert" and op.insert_unit == "paragraph" and op.insert_after is not None:
                if (op.insert_after.paragraph or 0) < para:
                    shift += 1
        return para + shift

    def _item_new(self, old_art: int, item: int) -> int:
        shift = 0
        for op in self.ops:
            t = op.target
            if t.article != old_art:
                continue
            if op.action == "delete" and t.level == "item" and t.item is not None and t.item < item:
                shift -= 1
            elif op.action == "insert" and op.insert_unit == "item" and op.insert_after is not None:
                if (op.insert_after.item or 0) < item:
                    shift += 1
        return item + shift

    def _article(self, op: Operation) -> tuple[int | None, Article | None]:
        old = op.target.article
        new: int | None
        if op.new_number is not None and op.new_number.article is not None:
            new = op.new_number.article
        elif old is not None:
            new = self.amap.new(old)
        else:
            return None, None
        return new, (self.new.article(new) if new is not None else None)

    def _unit_lines(self, art: Article, op: Operation, *, use_new: bool) -> tuple[list[str], Target] | None:
        """The printed lines of the unit an operation writes, and its new coordinates."""
        t = op.target
        nn = op.new_number if (use_new and op.new_number is not None) else None
        level = (nn or t).level
        if level in ("article", None):
            return art.lines(), Target()
        if level == "paragraph":
            p = nn.paragraph if nn is not None else self._para_new(t.article or 0, t.paragraph or 0)
            if p is None or not 1 <= p <= len(art.paragraphs):
                return None
            # 将第二条第一款分为两款，修改为：“…”“…”: the quoted paragraphs are consecutive paragraphs.
            count = sum(1 for line in op.text if parse_item(line) is None) if op.action == "replace" else 1
            lines = []
            for para in art.paragraphs[p - 1 : p - 1 + max(count, 1)]:
                lines += [para.text] + [item_label(k, it.style) + it.text for k, it in enumerate(para.items, 1)]
            return lines, Target(paragraph=p)
        if level == "item":
            i = nn.item if nn is not None else self._item_new(t.article or 0, t.item or 0)
            holder = [p for p in art.paragraphs if p.items]
            if t.paragraph is not None and len(art.paragraphs) >= t.paragraph:
                holder = [art.paragraphs[t.paragraph - 1]]
            if not holder or i is None or not 1 <= i <= len(holder[0].items):
                return None
            # 第二项分为两项，修改为：“（二）…”“（三）…”: the quoted items are consecutive items.
            count = len(op.text) if op.action == "replace" and len(op.text) > 1 else 1
            its = holder[0].items[i - 1 : i - 1 + count]
            return [item_label(i + k, it.style) + it.text for k, it in enumerate(its)], Target(item=i)
        return None

    def check(self, op: Operation) -> OpCheck:
        a = op.action
        if a in ("delete", "delete_chapter", "merge_chapter", "renumber", "repeal_regulation"):
            return OpCheck(op, "unverifiable", note="nothing written to compare")
        if a in ("replace_term", "insert_term", "delete_term"):
            return self._check_term(op)
        if a in ("replace_heading", "replace_title", "split"):
            return self._check_other(op)
        new_art, art = self._article(op)
        if new_art is None:
            return OpCheck(op, "unverifiable", note="no article number")
        if art is None:
            return OpCheck(
                op, "differs", where=_where(new_art), expected="\n".join(op.text), actual="", note="article missing"
            )
        got = self._unit_lines(art, op, use_new=True)
        if got is None:
            return OpCheck(
                op,
                "differs",
                where=_where(new_art),
                expected="\n".join(op.text),
                actual=art.text(),
                note="unit missing",
            )
        lines, pos = got
        expected = list(op.text)
        if a == "replace" and op.target.level == "item" and len(expected) == 1:
            lines = lines[:1]
        if a == "replace" and op.position == "lead":
            lines = lines[:1]  # 第一自然段: the paragraph's own text, not its items
        ok = _same(expected, _strip_labels(lines, expected))
        where = _where(new_art, pos)
        return OpCheck(
            op, "match" if ok else "differs", where=where, expected="\n".join(expected), actual="\n".join(lines)
        )

    def _scope_texts(self, op: Operation) -> list[tuple[str, str]]:
        out = []
        for t in op.articles or ():
            if t.article is None:
                continue
            new = self.amap.new(t.article)
            if new is None:
                continue
            art = self.new.article(new)
            if art is None:
                continue
            if t.paragraph is not None and t.item is None:
                # 第十三条第一款中的“甲”: the paragraph, where it can be found under its new number.
                p = self._para_new(t.article, t.paragraph)
                if p is not None and 1 <= p <= len(art.paragraphs):
                    para = art.paragraphs[p - 1]
                    lines = [para.text] + [item_label(k, it.style) + it.text for k, it in enumerate(para.items, 1)]
                    out.append((_where(new, Target(paragraph=p)), "\n".join(lines)))
                    continue
            out.append((_where(new), art.text()))
        if not op.articles:
            out = [(_where(a.number or 0), a.text()) for a in self.new.articles]
        return out

    def _check_term(self, op: Operation) -> OpCheck:
        texts = self._scope_texts(op)
        if not texts:
            return OpCheck(op, "unverifiable", note="the articles are gone")
        old = fold(op.old_term or "")
        new = fold(op.new_term or "")
        if not op.articles and op.action == "replace_term":
            # 将本法中的“帐”修改为“账”: nowhere the old term, somewhere the new one.
            left = [(w, t) for w, t in texts if old not in new and old in fold(t)]
            if left:
                where, text = left[0]
                return OpCheck(op, "differs", where=where, expected=new, actual=text, note=f"“{op.old_term}” left")
            if not any(new in fold(t) for _, t in texts):
                return OpCheck(op, "differs", where="全文", expected=new, actual="", note=f"no “{op.new_term}”")
            return OpCheck(op, "match", where="全文")
        for where, text in texts:
            ft = fold(text)
            if op.action == "replace_term" and op.occurrence is not None:
                ok = new in ft  # 第一处: the other occurrences stay
            elif op.action == "replace_term":
                ok = new in ft and (old in new or old not in ft.replace(new, ""))
                exp = new
            elif op.action == "delete_term":
                # Text the same instruction wrote may contain the term (“计划生育”->“卫生健康”, 删去“卫生”).
                written = ft
                for o in self.ops:
                    if o.n == op.n and o.part == op.part and o.new_term:
                        written = written.replace(fold(o.new_term), "")
                ok = old not in written
                exp = f"(no {op.old_term})"
            else:
                combo = old + new if op.position != "before" else new + old
                ok = combo in ft
                exp = combo
            if not ok:
                return OpCheck(
                    op, "differs", where=where, expected=exp, actual=text, note=f"“{op.old_term}”→“{op.new_term}”"
                )
        return OpCheck(op, "match", where=",".join(w for w, _ in texts))

    def _check_other(self, op: Operation) -> OpCheck:
        if op.action == "replace_title":
            ok = fold(op.text[0]) == fold(self.new.title) if op.text else False
            return OpCheck(
                op,
                "match" if ok else "differs",
                where="title",
                expected=op.text[0] if op.text else "",
                actual=self.new.title,
            )
        if op.action == "replace_heading" and op.target.chapter is not None:
            for ch in self.new.chapters:
                if fold(ch.heading) == fold(op.text[0] if op.text else ""):
                    return OpCheck(op, "match", where=f"第{int_to_cn(ch.number or 0)}章")
            return OpCheck(
                op, "differs", where=f"第{op.target.chapter}章", expected=op.text[0] if op.text else "", actual=""
            )
        return OpCheck(op, "unverifiable", note="form not compared")


def _strip_labels(lines: list[str], expected: list[str]) -> list[str]:
    """Republished item lines carry their label as ``(k)``; the decision's may print （k）."""
    return lines


def _summary(checks: list[OpCheck]) -> str | None:
    """One line per differing operation, as a reader would write it: 新第十条: 决定为“…”，重新公布文本为“…”."""
    out = []
    for c in checks:
        if c.verdict != "differs" or c.expected is None or c.actual is None:
            continue
        if c.note in ("article missing", "unit missing"):
            out.append(f"{c.where}: 重新公布文本中没有")
            continue
        for ch in char_diff(c.expected, c.actual)[:3]:
            if ch["decision"] and ch["republished"]:
                out.append(f"{c.where}: 决定为“…{ch['context']}…”，重新公布文本为“{ch['republished']}”")
            elif ch["decision"]:
                out.append(f"{c.where}: 决定为“…{ch['context']}…”，重新公布文本缺“{ch['decision']}”")
            else:
                out.append(f"{c.where}: 重新公布文本多出“{ch['republished']}”")
    return "；".join(out) or None


def _instruction_verdict(checks: list[OpCheck]) -> str:
    verdicts = {c.verdict for c in checks}
    if "differs" in verdicts:
        return "differs"
    if "match" in verdicts:
        return "match"
    return "unverifiable"


def _find_regulation(title: str | None, republished: dict[str, Regulation]) -> Regulation | None:
    if not title:
        return None
    if title in republished:
        return republished[title]
    ft = fold(title)
    for k, v in republished.items():
        if fold(k) == ft or fold(v.title) == ft:
            return v
    return None


def _chapter_last_new(reg: Regulation) -> dict[int, int]:
    out: dict[int, int] = {}
    for a in reg.articles:
        if a.chapter is not None and a.number is not None:
            out[a.chapter] = max(out.get(a.chapter, 0), a.number)
    return out


def _resolve_inserts(ops: list[Operation], amap: ArticleMap) -> list[Operation]:
    """Fill ``insert_after`` of inserted articles from the map (the old article printed before them)."""
    from dataclasses import replace

    out = []
    for op in ops:
        if op.action == "insert" and op.insert_unit == "article" and op.insert_after is None and op.new_number:
            new = op.new_number.article or 0
            olds = [a for a, b in amap.pairs if b is not None and b < new]
            if olds:
                best = max(olds, key=lambda a: amap.new(a) or 0)
                op = replace(op, insert_after=Target(article=best))
        out.append(op)
    return out


def verify_decision(
    decision: Decision,
    republished: dict[str, Regulation],
    *,
    doc_number: str | None = None,
    article_counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Compare every instruction of ``decision`` with the ``republished`` texts.

    ``republished`` maps a regulation title to its consolidated text as printed after
    the decision. Returns the ``gongbao.verify/1`` object: ``instructions`` (n, part,
    regulation, ops, verdict, differences) in printed order and ``article_map`` per
    regulation. ``article_counts`` overrides the number of articles of a republished
    text (when only an excerpt of it is at hand). Never raises for a discrepancy: that
    is a ``differs`` verdict.
    """
    by_reg: dict[str | None, list[Instruction]] = {}
    for ins in decision.instructions:
        by_reg.setdefault(ins.regulation, []).append(ins)
    article_maps: dict[str, list[list[int | None]]] = {}
    inferred: dict[str, list[str]] = {}
    results: dict[int, dict[str, Any]] = {}
    for title, instrs in by_reg.items():
        ops = [op for ins in instrs for op in ins.ops]
        reg = _find_regulation(title, republished)
        amap: ArticleMap | None = None
        if reg is not None and not any(o.action == "repeal_regulation" for o in ops):
            try:
                count = (article_counts or {}).get(title or "", len(reg.articles))
                amap = infer_article_map(ops, count, chapter_last_new=_chapter_last_new(reg))
            except InstructionError as e:
                inferred.setdefault(title or "", []).append(f"no article map: {e.message}")
        if amap is not None and title:
            article_maps[title] = amap.to_json()
            inferred[title] = amap.inferred
            ops = _resolve_inserts(ops, amap)
        by_id = {o.id: o for o in ops}
        checker = _RegulationCheck(ops, reg, amap) if (reg is not None and amap is not None) else None
        for ins in instrs:
            iops = [by_id.get(o.id, o) for o in ins.ops]
            if checker is not None:
                checks = [checker.check(o) for o in iops]
            else:
                checks = [OpCheck(o, "unverifiable", note="regulation not republished") for o in iops]
            verdict = _instruction_verdict(checks)
            ops_json = []
            for o in iops:
                j = o.to_json()
                if o.action == "delete_chapter" and amap is not None and o.target.chapter in amap.deleted_chapters:
                    j["inferred_articles"] = amap.deleted_chapters[o.target.chapter]
                ops_json.append(j)
            results[id(ins)] = {
                "n": ins.n,
                "part": ins.part,
                "regulation": ins.regulation,
                "line": ins.line,
                "raw": ins.raw,
                "ops": ops_json,
                "verdict": verdict,
                "checks": [c.to_json() for c in checks],
                "differences": [c.to_json() for c in checks if c.verdict == "differs"],
            }
            summary = _summary(checks)
            if summary:
                results[id(ins)]["difference"] = summary
    return {
        "schema": SCHEMA_VERIFY,
        "decision": doc_number,
        "general_clause": decision.general_clause,
        "instructions": [results[id(i)] for i in decision.instructions],
        "article_map": article_maps,
        "inferred": inferred,
    }
