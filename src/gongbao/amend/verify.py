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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongbao.amend.grammar import Decision, Instruction
from gongbao.amend.mapping import ArticleMap, infer_article_map
from gongbao.amend.ops import Operation, Target
from gongbao.amend.regtext import Article, Regulation, fold, item_label, parse_item
from gongbao.errors import InstructionError
from gongbao.grammar import labels as L
from gongbao.grammar.numerals import CN_NUMERAL_CHARS
from gongbao.model import SCHEMA_VERIFY
from gongbao.structure.numerals import cn_to_int, int_to_cn

__all__ = ["NOT_CHECKED", "OpCheck", "char_diff", "verify_against_base", "verify_decision"]

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


def _where(art: int, t: Target | None = None, sub: int | None = None) -> str:
    s = f"新第{int_to_cn(art)}条" + (f"之{int_to_cn(sub)}" if sub else "")
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
        sub = op.target.sub  # 第十七条之一 (no map moves it: it follows its article)
        if op.new_number is not None and op.new_number.article is not None:
            new, sub = op.new_number.article, op.new_number.sub  # 增加一条，作为第一百三十三条之二
        elif old is not None:
            new = self.amap.new(old)
        else:
            return None, None
        return new, (self.new.article(new, sub) if new is not None else None)

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
        if a in ("replace_heading", "replace_title", "split", "group"):
            return self._check_other(op)
        new_art, art = self._article(op)
        if new_art is None:
            return OpCheck(op, "unverifiable", note="no article number")
        if art is None:
            sub = op.new_number.sub if op.new_number is not None else op.target.sub
            return OpCheck(
                op,
                "differs",
                where=_where(new_art, sub=sub),
                expected="\n".join(op.text),
                actual="",
                note="article missing",
            )
        got = self._unit_lines(art, op, use_new=True)
        if got is None:
            return OpCheck(
                op,
                "differs",
                where=_where(new_art, sub=art.sub),
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
        where = _where(new_art, pos, art.sub)
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
        if op.action == "group":
            return self._check_group(op)
        if op.action == "split" and op.new_numbers and op.text:
            return self._check_split(op)
        return OpCheck(op, "unverifiable", note="form not compared")

    def _check_group(self, op: Operation) -> OpCheck:
        """分为六节：第一节“…”，包括第七条至第九条: the chapter (section) holds exactly those articles."""
        lo, hi = (t.article or 0 for t in op.new_numbers)
        chn = op.target.chapter or 0
        ch = next((c for c in self.new.chapters if c.number == chn), None)
        where = f"第{int_to_cn(chn)}章" + (f"第{int_to_cn(op.target.section)}节" if op.target.section else "")
        if ch is None:
            return OpCheck(op, "differs", where=where, expected=where, actual="", note="chapter missing")
        sec = op.target.section
        members = [a.number for a in self.new.articles if a.chapter == ch.orig and (sec is None or a.section == sec)]
        want = list(range(lo, hi + 1))
        heading_ok = sec is None or not op.text or fold(ch.sections.get(sec, "")) == fold(op.text[0])
        if members == want and heading_ok:
            return OpCheck(op, "match", where=where)
        got = f"{ch.sections.get(sec, '') if sec else ch.heading}: {members[:1]}..{members[-1:]}"
        return OpCheck(op, "differs", where=where, expected=f"{op.text[0] if op.text else ''}: {lo}..{hi}", actual=got)

    def _check_split(self, op: Operation) -> OpCheck:
        """将第X条改为第A条、第B条: each quoted article is the republished one of its number."""
        from gongbao.amend.engine import split_text

        parts = split_text(op.text, len(op.new_numbers))
        if parts is None:
            return OpCheck(op, "unverifiable", note="cannot tell which quoted paragraphs go to which article")
        for new, part in zip(op.new_numbers, parts, strict=True):
            art = self.new.article(new.article or 0)
            if art is None:
                return OpCheck(op, "differs", where=_where(new.article or 0), expected="\n".join(part), actual="")
            if not _same(list(part), art.lines()):
                return OpCheck(
                    op, "differs", where=_where(new.article or 0), expected="\n".join(part), actual=art.text()
                )
        return OpCheck(op, "match", where=",".join(_where(n.article or 0) for n in op.new_numbers))


def _strip_labels(lines: list[str], expected: list[str]) -> list[str]:
    """Republished item lines carry their label; a decision may quote an item without it.

    (将第五条第一款第一项修改为：“在市长…。” — the label stays the item's: compare the text only.)
    """
    if len(lines) != len(expected):
        return lines
    out = []
    for line, exp in zip(lines, expected, strict=True):
        got = parse_item(line)
        out.append(got[2] if got is not None and parse_item(exp) is None else line)
    return out


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


def _article_count(reg: Regulation) -> int:
    """The article count a map starts from: the articles printed, or for an excerpt (第十六条…第三百四十二条)
    the highest number printed (the articles it skips are there, unprinted)."""
    if reg.excerpt:
        return max((a.number or 0 for a in reg.articles if not a.sub), default=0)
    return len(reg.articles)


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


#: What cannot be checked without the pre-amendment text (reported under ``not_checked``).
NOT_CHECKED = (
    "deletions (the deleted text is not known)",
    "articles no instruction touches (a change there cannot be told from the base text)",
    "edits no instruction writes (catch-all or unexplained)",
    "cross-references left unrenumbered",
    "the original article count (inferred from the republished text)",
)


def verify_decision(
    decision: Decision,
    republished: dict[str, Regulation],
    *,
    doc_number: str | None = None,
    article_counts: dict[str, int] | None = None,
    bases: dict[str, Regulation] | None = None,
) -> dict[str, Any]:
    """Compare every instruction of ``decision`` with the ``republished`` texts.

    ``republished`` maps a regulation title to its consolidated text as printed after
    the decision. Returns the ``gongbao.verify/1`` object: ``instructions`` (n, part,
    regulation, ops, verdict, differences) in printed order and ``article_map`` per
    regulation. ``article_counts`` overrides the number of articles of a republished
    text (when only an excerpt of it is at hand). With ``bases`` (title -> the text before
    the decision) the whole republished text is compared with base + decision
    (``verify_against_base``, under ``against_base``), deletions are checked, and the article
    map starts from the base's real article count; without a base, ``not_checked`` says what
    could not be checked. Never raises for a discrepancy: that is a ``differs`` verdict.
    """
    by_reg: dict[str | None, list[Instruction]] = {}
    for ins in decision.instructions:
        by_reg.setdefault(ins.regulation, []).append(ins)
    article_maps: dict[str, list[list[int | None]]] = {}
    against_base: dict[str, dict[str, Any]] = {}
    not_checked: dict[str, list[str]] = {}
    inferred: dict[str, list[str]] = {}
    results: dict[int, dict[str, Any]] = {}
    for title, instrs in by_reg.items():
        ops = [op for ins in instrs for op in ins.ops]
        reg = _find_regulation(title, republished)
        base = _find_regulation(title, bases or {})
        amap: ArticleMap | None = None
        report: dict[str, Any] | None = None
        if reg is not None and base is not None and title:
            report = verify_against_base(base, decision, reg, work=title)
            against_base[title] = report
        elif reg is not None and title and not any(o.action == "repeal_regulation" for o in ops):
            not_checked[title] = list(NOT_CHECKED)
        if reg is not None and not any(o.action == "repeal_regulation" for o in ops):
            try:
                if base is not None:
                    amap = infer_article_map(
                        ops, original_count=_article_count(base), chapter_last_new=_chapter_last_new(reg)
                    )
                else:
                    count = (article_counts or {}).get(title or "", _article_count(reg))
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
                if base is not None and report is not None:
                    checks = [_check_deletion(c, base, reg, report) for c in checks]
            else:
                checks = [OpCheck(o, "unverifiable", note="regulation not republished") for o in iops]
            verdict = "unread" if ins.error else _instruction_verdict(checks)  # never read: said so, not "unverifiable"
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
            if ins.error:
                results[id(ins)]["error"] = ins.error
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
        **({"against_base": against_base} if against_base else {}),
        **({"not_checked": not_checked} if not_checked else {}),
    }


def _check_deletion(c: OpCheck, base: Regulation, new: Regulation | None, report: dict[str, Any]) -> OpCheck:
    """With the base text, a deletion is checked: the deleted article or paragraph is gone."""
    from gongbao.amend.align import normalise

    op = c.op
    if op.action == "renumber" and c.verdict == "unverifiable" and new is not None and op.new_number is not None:
        # 将第十三条改为第十六条: with the base text, the article is where base + decision puts it.
        n = op.new_number.article
        label = f"第{int_to_cn(n or 0)}条"
        wrong = [
            d
            for d in report["differences"]
            if d["kind"] in ("numbering", "missing_article", "extra_article", "deletion_not_made")
            and label in str(d.get("where", "")) + str(d.get("expected", ""))
        ]
        if wrong:
            return OpCheck(
                op, "differs", where=label, expected=label, actual=str(wrong[0].get("where")), note="moved elsewhere"
            )
        return OpCheck(op, "match", where=label, note="in its place (compared with base + decision)")
    if op.action != "delete" or c.verdict != "unverifiable" or new is None:
        return c
    t = op.target
    if t.level == "article":
        kept = [
            d for d in report["differences"] if d["kind"] == "deletion_not_made" and d.get("base_article") == t.article
        ]
        if kept:
            return OpCheck(
                op, "differs", where=kept[0]["where"], expected="", actual=kept[0]["text"], note="deletion not made"
            )
        return OpCheck(op, "match", where=f"原{t.label()}", note="deleted: not in the republished text")
    if t.level in ("paragraph", "item"):
        art = next((a for a in base.articles if a.orig == t.article), None)
        if art is None:
            return c
        if t.level == "paragraph" and t.paragraph is not None and t.paragraph <= len(art.paragraphs):
            gone = normalise(art.paragraphs[t.paragraph - 1].text)
        elif t.level == "item":
            holder = (
                art.paragraphs[(t.paragraph or 1) - 1]
                if t.paragraph
                else next((p for p in art.paragraphs if p.items), None)
            )
            if holder is None or t.item is None or t.item > len(holder.items):
                return c
            gone = normalise(holder.items[t.item - 1].text)
        else:
            return c
        if gone and any(gone == normalise(u) for a in new.articles for u in a.lines()):
            return OpCheck(op, "differs", where=f"原{t.label()}", expected="", actual=gone, note="deletion not made")
        return OpCheck(op, "match", where=f"原{t.label()}", note="deleted: not in the republished text")
    return c


# ---------------------------------------------------------------- against the base text

_ART_REF = L.ARTICLE_REF


def verify_against_base(
    base: Regulation, decision: Decision, republished: Regulation, *, work: str | None = None
) -> dict[str, Any]:
    """Compare base + decision with the republished text over the whole document.

    The decision is applied to ``base`` (the engine); the result and ``republished`` are aligned
    article by article by content. Every difference is reported with its place and text, and
    said to be explained or not:

    * ``edit``: characters that differ inside an article (each edit named ``新年→元旦``);
      ``touched`` says whether an instruction wrote in that article; ``covered`` whether a
      catch-all clause allows it (对…个别文字作相应调整). An untouched article that changed
      with no wording catch-all is unexplained;
    * ``stale_reference``: 第Y条 printed where the renumbering makes it 第X条 (a reference left
      unrenumbered), or the other way round;
    * ``deletion_not_made``: an article the decision deletes is still printed;
    * ``missing_article`` / ``extra_article``: an article of one text has no counterpart;
    * ``numbering``: the same article printed under another number.

    Returns ``{"work", "base_articles", "expected_articles", "republished_articles",
    "differences", "unexplained", "catch_all", "notes"}``. Never raises for a discrepancy; an
    instruction the engine cannot apply is reported under ``notes`` (and the comparison is not made).
    """
    from gongbao.amend.align import align, normalise, similarity
    from gongbao.amend.engine import apply_decision
    from gongbao.amend.grammar import catch_all_kinds

    name = work or republished.title or base.title
    out: dict[str, Any] = {
        "work": name,
        "base_articles": len(base.articles),
        "republished_articles": len(republished.articles),
        "differences": [],
        "unexplained": 0,
        "catch_all": list(decision.catch_alls),
        "notes": [],
    }
    try:
        result = apply_decision(base, decision, work=name)
    except InstructionError as e:
        out["notes"].append(f"the decision cannot be applied to the base text: {e}")
        out["unexplained"] = None
        return out
    expected = result.regulation
    out["expected_articles"] = len(expected.articles)
    out["notes"] = [n for n in result.notes if n.startswith(("base text:", "catch-all:")) or ": placement:" in n]
    # articles inserted between two chapters or sections: the decision does not say which side they join
    boundary = {n.split(":", 1)[0] for n in result.notes if ": placement:" in n}
    kinds = {k for c in decision.catch_alls for k in catch_all_kinds(c)}
    wording = "wording" in kinds
    old_of = {new: old for old, new in result.article_map if new is not None}
    new_of = {old: new for old, new in result.article_map if new is not None}
    deleted = {old for old, new in result.article_map if new is None}
    touched = {a.number for a in expected.articles if a.amended} | _term_articles(result, decision, name)
    exp = list(expected.articles)
    rep = list(republished.articles)
    alignment = align([a.text() for a in exp], [a.text() for a in rep])
    diffs: list[dict[str, Any]] = []
    base_text = {a.orig: normalise(a.text()) for a in base.articles}
    for i, j in alignment.pairs:
        ea = exp[i] if i is not None else None
        ra = rep[j] if j is not None else None
        if ea is not None and ra is not None:
            if ea.number != ra.number:
                diffs.append(
                    {
                        "kind": "numbering",
                        "where": ra.label,
                        "expected": ea.label,
                        "shift": (ra.number or 0) - (ea.number or 0),
                        "explained": False,
                        "message": f"printed as {ra.label}: base + decision numbers it {ea.label}",
                    }
                )
            pe, pr = expected.place(ea), republished.place(ra)
            if pe and pr and pe != pr:
                # 增加一条，作为第十四条 between the last article of 第二章 and the first of 第三章: the
                # decision does not say on which side; the republished text does.
                diffs.append(
                    {
                        "kind": "placement",
                        "where": ra.label,
                        "expected": pe,
                        "printed": pr,
                        "explained": ea.label in boundary,
                        "message": f"{ra.label} is printed in {pr}: base + decision puts it in {pe}"
                        + (
                            " (inserted between the two: the decision does not say which)"
                            if ea.label in boundary
                            else ""
                        ),
                    }
                )
            if len(ea.paragraphs) != len(ra.paragraphs):
                diffs.append(
                    {
                        "kind": "paragraphs",
                        "where": ra.label,
                        "expected": len(ea.paragraphs),
                        "printed": len(ra.paragraphs),
                        "explained": False,
                        "message": f"{ra.label} is printed in {len(ra.paragraphs)} paragraph(s): "
                        f"base + decision gives {len(ea.paragraphs)}",
                    }
                )
            if fold(ea.text()) == fold(ra.text()):
                continue
            diffs.extend(_article_edits(ea, ra, old_of, new_of, ea.number in touched, wording))
        elif ra is not None:
            # Printed, but not in base + decision: an article the decision deletes, still there?
            n = normalise(ra.text())
            gone = [o for o in sorted(deleted) if similarity(base_text.get(o, ""), n) >= 0.8]
            if gone:
                diffs.append(
                    {
                        "kind": "deletion_not_made",
                        "where": ra.label,
                        "text": ra.text()[:80],
                        "base_article": gone[0],
                        "explained": False,
                        "message": f"原第{int_to_cn(gone[0])}条 is deleted by the decision but printed as {ra.label}",
                    }
                )
            else:
                diffs.append({"kind": "extra_article", "where": ra.label, "text": ra.text()[:80], "explained": False})
        elif ea is not None:
            diffs.append(
                {
                    "kind": "missing_article",
                    "where": ea.label,
                    "text": ea.text()[:80],
                    "explained": False,
                    "message": f"{ea.label} of base + decision is not in the republished text",
                }
            )
    diffs = _collapse_numbering(diffs)
    out["differences"] = diffs
    out["unexplained"] = sum(1 for d in diffs if not d["explained"])
    out["summary"] = _base_summary(diffs)
    return out


def _term_articles(result: Any, decision: Decision, name: str) -> set[int]:
    """New numbers of the articles a term operation of ``name``'s part changed."""
    out: set[int] = set()
    new_of = {old: new for old, new in result.article_map if new is not None}
    for ins in decision.for_regulation(name) or decision.instructions:
        for op in ins.ops:
            for t in (*op.articles, op.target):
                if t.article is not None and t.article in new_of:
                    out.add(new_of[t.article])
            if op.action in ("replace_term", "insert_term", "delete_term") and not op.articles:
                out |= set(new_of.values())
    return out


def _article_edits(
    ea: Article,
    ra: Article,
    old_of: dict[int, int],
    new_of: dict[int, int],
    touched: bool,
    wording: bool,
) -> list[dict[str, Any]]:
    """The edits that turn base + decision's article into the republished one, each classified."""
    # Compared width-folded, shown as printed: both strings keep one character per character.
    pa, pb = _plain(ea.text()), _plain(ra.text())
    a, b = _fold1(pa), _fold1(pb)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in _merge_close(list(sm.get_opcodes())):
        if tag == "equal":
            continue
        # Widen to whole 第X条 references so that a renumbering shows as one edit.
        i1, i2, j1, j2 = _widen_ref(a, i1, i2), _widen_ref_end(a, i2), _widen_ref(b, j1, j2), _widen_ref_end(b, j2)
        if i2 > i1 and j2 > j1 and i2 - i1 != j2 - j1:
            # 星期→周 before 六: name the word (星期六→周六), one following character shared by both.
            while i2 < len(a) and j2 < len(b) and a[i2] == b[j2] and i2 - i1 < 3 and _is_word_char(a[i2]):
                i2 += 1
                j2 += 1
                break
        was, now = pa[i1:i2], pb[j1:j2]
        ctx = pa[max(0, i1 - 6) : i1]
        ref = _stale_reference(was, now, old_of, new_of)
        if ref is not None:
            out.append(
                {
                    "kind": "stale_reference",
                    "where": ra.label,
                    "expected": was,
                    "actual": now,
                    "explained": False,
                    "message": f"{ra.label}: {now} printed where the renumbering makes it {was} ({ref})",
                }
            )
            continue
        edit = f"{was}→{now}" if was and now else (f"+{now}" if now else f"-{was}")
        if not (was and now):
            edit += f" after “{ctx}”"
        out.append(
            {
                "kind": "edit",
                "where": ra.label,
                "edit": edit,
                "expected": was,
                "actual": now,
                "context": ctx,
                "touched": touched,
                "covered": wording,
                "explained": wording,
                "message": f"{edit} in {ra.label}"
                + (
                    ""
                    if wording
                    else (" (no instruction writes it)" if touched else " (an article no instruction touches)")
                ),
            }
        )
    return out


def _merge_close(opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Two edits one shared character apart are one edit (主管→管理, not -主 and +理)."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in opcodes:
        if (
            op[0] != "equal"
            and len(out) >= 2
            and out[-1][0] == "equal"
            and out[-1][2] - out[-1][1] == 1
            and out[-2][0] != "equal"
        ):
            prev = out[-2]
            out[-2:] = [("replace", prev[1], op[2], prev[3], op[4])]
            continue
        out.append(op)
    return out


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fold1(text: str) -> str:
    """Width-fold character by character (a character whose folding is longer stays as it is)."""
    import unicodedata

    out = []
    for c in text:
        f = unicodedata.normalize("NFKC", c)
        out.append(f if len(f) == 1 else c)
    return "".join(out)


def _is_word_char(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _collapse_numbering(diffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs of articles printed under a number shifted by the same amount: one difference."""
    out: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            first, last = run[0], run[-1]
            out.append(
                {
                    "kind": "numbering",
                    "where": f"{first['where']}至{last['where']}",
                    "expected": f"{first['expected']}至{last['expected']}",
                    "count": len(run),
                    "explained": False,
                    "message": f"{len(run)} articles printed as {first['where']} to {last['where']}: "
                    f"base + decision numbers them {first['expected']} to {last['expected']}",
                }
            )
        run.clear()

    for d in (d for d in diffs if d["kind"] == "numbering"):
        if run and d.get("shift") != run[-1].get("shift"):
            flush()
        run.append(d)
    flush()
    out.extend(d for d in diffs if d["kind"] != "numbering")
    for d in out:
        d.pop("shift", None)
    return out


def _widen_ref(s: str, i: int, j: int | None = None) -> int:
    """Move a start back over the numeral of a 第…条 the span cuts into."""
    k = i
    while k > 0 and s[k - 1] in CN_NUMERAL_CHARS:
        k -= 1
    return k - 1 if k > 0 and s[k - 1] == "第" and k != i else i


def _widen_ref_end(s: str, j: int) -> int:
    """Move an end forward over the rest of a 第…条 the span cuts into."""
    nums = CN_NUMERAL_CHARS
    k = j
    while k < len(s) and s[k] in nums:
        k += 1
    if k < len(s) and s[k] in "条款项" and (k != j or (j > 0 and s[j - 1] in nums)):
        return k + 1
    return j


def _stale_reference(was: str, now: str, old_of: dict[int, int], new_of: dict[int, int]) -> str | None:
    """Whether an edit is a reference printed in the old numbering (or renumbered twice)."""
    ma, mb = _ART_REF.findall(was), _ART_REF.findall(now)
    if not ma or len(ma) != len(mb):
        return None
    why = []
    for x, y in zip(ma, mb, strict=True):
        xn, yn = cn_to_int(x), cn_to_int(y)
        if xn == yn:
            continue
        if new_of.get(yn) == xn:
            why.append(f"原第{y}条 is 第{x}条 now")
        else:
            return None
    return "; ".join(why) or None


def _base_summary(diffs: list[dict[str, Any]]) -> str:
    if not diffs:
        return "base + decision = republished text, article by article"
    kinds: dict[str, int] = {}
    for d in diffs:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    unexplained = sum(1 for d in diffs if not d["explained"])
    parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"{len(diffs)} differences ({parts}); {unexplained} not explained by an instruction or a catch-all"
