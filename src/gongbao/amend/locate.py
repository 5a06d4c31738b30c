"""Find amending decisions and the regulations republished after them in a gazette.

Two routes, same result: ``from_issue`` reads a parsed ``model.Issue`` (the decision is
the 令 document whose text carries 修改/废止 instructions; the republished texts are the
documents of kind 规章), and ``from_text`` reads the plain gazette text directly (used
when the pipeline is not available or does not find them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongbao.amend.grammar import Decision, parse_decision
from gongbao.amend.regtext import Regulation, fold, parse_regulation
from gongbao.errors import InputError
from gongbao.grammar import labels as L
from gongbao.model import LEGISLATION_KINDS

__all__ = ["DecisionSource", "find_decisions", "from_issue", "from_text"]

# …作出修改 · 作如下修改 · 废止《X》 · a decision whose instructions are listed in 附件1 国务院决定修改的行政法规
# (一、将《医疗机构管理条例》第九条修改为… / 三、删去《…实施条例》第三十七条。)
_INSTRUCTION_HINT = re.compile(r"(作出修改|作如下修改|修改如下|废止《|(?:将|删去)《[^《》\n]{2,60}》第)")
_TITLE = re.compile(r"关于.*(修改|废止).*决定\s*$")
_ORDER = re.compile(r"^(\S*令)\s*$")
_ORDER_NO = re.compile(r"^第\s*(\d+)\s*号\s*$")
_DOCNO_LINE = re.compile(r"^(\S+令)\s*第\s*(\d+)\s*号\s*$")
_END = re.compile(r"(重新公布|本决定自.*施行)")
# A line that opens a unit (第X章/节/条, （一）) or is a history line (（…公布）).
_STRUCT = re.compile(rf"^({L.UNIT_LABEL_START}|{L.PAREN_LABEL}|[（(].{{0,80}}(公布|修正|修订))")
_PUNCT = re.compile(r"[，。；：,;:、！？]")
_TERMINAL = "。；：！？.;:!?”)）"


@dataclass(slots=True)
class DecisionSource:
    """A decision found in a gazette: its 文号, its text, and the republished regulations."""

    doc_number: str | None
    text: str
    line: int  # 1-based line of the decision's first line in the gazette (0 when unknown)
    republished: dict[str, Regulation] = field(default_factory=dict)
    _parsed: Decision | None = None
    mt: Any = None  # the pipeline's MappedText of the decision, when it came from a parsed issue
    source: str | None = None
    title: str | None = None  # the decision's title, when it came from a parsed issue

    def source_line(self, offset: int, line: int) -> int:
        """The gazette line of a place in the decision (its offset, or its line in ``text``)."""
        if self.mt is not None and self.source is not None:
            return self.source.count("\n", 0, self.mt.to_source(offset)) + 1
        return self.line + line - 1

    def decision(self, *, strict: bool = True) -> Decision:
        if self._parsed is None or not strict:
            parsed = parse_decision(self.text, strict=strict)
            if strict:
                self._parsed = parsed
            return parsed
        return self._parsed


def from_text(text: str) -> list[DecisionSource]:
    """Decisions in a gazette's plain text, each with the regulations republished after it."""
    lines = text.split("\n")
    out: list[DecisionSource] = []
    i = 0
    while i < len(lines):
        if not _INSTRUCTION_HINT.search(lines[i]):
            i += 1
            continue
        start = _decision_start(lines, i)
        end = i
        while end < len(lines) and not _END.search(lines[end]):
            end += 1
        # Include the closing lines (本决定自…施行 / …重新公布).
        while end + 1 < len(lines) and (not lines[end + 1].strip() or _END.search(lines[end + 1])):
            end += 1
        body = "\n".join(lines[start : end + 1])
        src = DecisionSource(_order_number(lines, start), body, start + 1)
        try:
            titles = [t for t, _ in src.decision(strict=False).regulations]
        except Exception:  # a malformed decision still gets reported by the caller
            titles = []
        src.republished = _republished(lines, end + 1, titles)
        out.append(src)
        i = end + 1
    return out


def _decision_start(lines: list[str], i: int) -> int:
    """The decision's title line (…关于修改…的决定), searching back from its first instruction."""
    for k in range(i, max(-1, i - 40), -1):
        if _TITLE.search(lines[k].strip()):
            return k
    return i


def _order_number(lines: list[str], start: int) -> str | None:
    """The 令 number printed above the decision (聊城市人民政府令 / 第 48 号)."""
    for k in range(start, max(-1, start - 30), -1):
        s = lines[k].strip()
        m = _DOCNO_LINE.match(s)
        if m:
            return f"{m.group(1)}第{m.group(2)}号"
        m2 = _ORDER_NO.match(s)
        if m2:
            for j in range(k - 1, max(-1, k - 4), -1):
                m3 = _ORDER.match(lines[j].strip())
                if m3:
                    return f"{m3.group(1)}第{m2.group(1)}号"
    return None


def _republished(lines: list[str], start: int, titles: list[str]) -> dict[str, Regulation]:
    """The consolidated texts printed after the decision, one per title found."""
    wanted = {fold(t): t for t in titles}
    found: dict[str, Regulation] = {}
    k = start
    while k < len(lines) and wanted:
        key = fold(lines[k])
        if key in wanted:
            end = _regulation_end(lines, k + 1, set(wanted) - {key})
            found[wanted.pop(key)] = parse_regulation("\n".join(lines[k:end]))
            k = end
        else:
            k += 1
    return found


def _regulation_end(lines: list[str], k: int, other_titles: set[str]) -> int:
    """Where a republished regulation stops: another title, or an unpunctuated line after a finished one."""
    prev = ""
    seen_article = False
    last_article = ""
    while k < len(lines):
        s = lines[k].strip()
        if s.startswith("- "):
            s = s[2:].strip()
        if not s:
            k += 1
            continue
        if fold(s) in other_titles:
            return k
        structural = _STRUCT.match(s) is not None
        if structural and s.startswith("第") and "条" in s[:8]:
            seen_article = True
            last_article = s
        if seen_article and not structural and not _PUNCT.search(s) and prev[-1:] in _TERMINAL:
            # The closing article (本办法自…施行) was printed, or a 文号 follows: a new document.
            if "施行" in last_article or _DOCNO_NEXT.match(_next_line(lines, k + 1)):
                return k
        prev = s
        k += 1
    return k


def _next_line(lines: list[str], k: int) -> str:
    while k < len(lines):
        if lines[k].strip():
            return lines[k].strip()
        k += 1
    return ""


_DOCNO_NEXT = re.compile(r"^\S+[〔\[［(（]\d{4}[〕\]］)）]\d+号$|^\S*令\s*$|^第\s*\d+\s*号$")


def from_issue(issue: object) -> list[DecisionSource]:
    """Decisions of a parsed ``model.Issue``: 令 documents with instructions, 规章 documents after them."""
    docs = list(getattr(issue, "documents", []) or [])
    out: list[DecisionSource] = []
    for k, d in enumerate(docs):
        if d.kind not in ("令", "决定") or not _INSTRUCTION_HINT.search(d.text):
            continue
        # a decision printed under the 令 that promulgates it is known by the 令's number
        number = d.doc_number or getattr(d, "parent", None)
        src = DecisionSource(number, d.text, 0, mt=d.body_mt, source=getattr(issue, "source", None), title=d.title)
        regs: dict[str, Regulation] = {}
        for later in docs[k + 1 :]:
            if later.kind not in LEGISLATION_KINDS:
                if regs:
                    break
                continue
            reg = parse_regulation(later.title + "\n" + later.text)
            regs[later.title] = reg
        src.republished = regs
        out.append(src)
    return out


def read_text(path: str) -> str:
    """A gazette file's text: through ``gongbao.ingest`` when it is there (PDF, HTML), else UTF-8 text."""
    try:
        from gongbao.ingest import read_source
    except ImportError:
        pass
    else:
        return read_source(path).text.removeprefix("\ufeff")  # a BOM is no text of the document
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from None


def _complete(src: DecisionSource) -> bool:
    """The decision parses and every regulation it amends was found republished."""
    try:
        dec = src.decision()
    except Exception:
        return False
    return bool(dec.instructions) and all(t in src.republished for t, _ in dec.regulations)


def find_decisions(path_or_text: str, *, is_text: bool = False) -> list[DecisionSource]:
    """Decisions in a gazette file (or text), each with the regulations republished after it.

    The pipeline's documents are used first (the 令 with instructions, the 规章 after it);
    where the pipeline is unavailable, fails, or misses a decision or a republished text,
    the plain-text scan (``from_text``) stands in for that decision.
    """
    text = path_or_text if is_text else read_text(path_or_text)
    scanned = from_text(text)
    try:
        from gongbao.pipeline import parse_text

        piped = from_issue(parse_text(text, path="<text>" if is_text else path_or_text))
    except Exception:  # the pipeline is another stage's code: never let it hide a decision
        piped = []
    out: list[DecisionSource] = []
    used: set[int] = set()
    for s in scanned:
        match = next(
            (
                p
                for p in piped
                if id(p) not in used and ((s.doc_number and p.doc_number == s.doc_number) or _same(s, p))
            ),
            None,
        )
        if match is None:
            out.append(s)
            continue
        used.add(id(match))
        # the pipeline's document ends where the decision ends; the scan runs to 本决定自…施行 and
        # may run on when an issue prints no such line: it stands in only when it alone found
        # every republished text
        out.append(s if _complete(s) and not _complete(match) else match)
    out.extend(p for p in piped if id(p) not in used)
    return out


def _same(scanned: DecisionSource, piped: DecisionSource) -> bool:
    """The scan's decision is the pipeline's document: its first instruction line is in it."""
    first = next((ln.strip() for ln in scanned.text.split("\n") if _INSTRUCTION_HINT.search(ln)), "")
    return bool(first) and first in piped.text
