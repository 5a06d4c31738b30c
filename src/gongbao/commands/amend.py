"""CLI commands of the amend area: instructions, verify, apply, diff."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gongbao.errors import InputError

if TYPE_CHECKING:
    from gongbao.amend.ops import Operation


class _Fmt(StrEnum):
    text = "text"
    json = "json"


class _DocFmt(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def _dump(obj: object) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _pick(sources: list, decision: str | None, path: str) -> list:
    from gongbao.amend.regtext import fold

    if not sources:
        raise InputError("no amending decision (修改/废止 instructions) found", path=path)
    if decision is None:
        return sources
    key = fold(decision)
    chosen = [s for s in sources if s.doc_number and fold(s.doc_number) == key]
    if not chosen:  # its title, or part of it (…关于修改《道路运输从业人员管理规定》的决定)
        chosen = [s for s in sources if getattr(s, "title", None) and key and key in fold(s.title)]
    if not chosen:
        known = ", ".join(s.doc_number or "?" for s in sources)
        raise InputError(f"no decision {decision} (found: {known})", path=path)
    return chosen


def _read(path: Path) -> str:
    """A file's text as ``parse`` reads it: UTF-8 (BOM or not), UTF-16, GB18030, PDF; one-line errors."""
    from gongbao.ingest import read_source

    return read_source(path).text.removeprefix("\ufeff")  # the parse keeps a BOM in its source; amend reads text


def _decision_text(path: Path) -> str:
    """The text of a file given as a decision; exit 2 (one line naming the file) when it is not one.

    Refused: a text without any amending instruction, and a whole gazette (a regulation's
    articles printed outside quotations after the decision).
    """
    from gongbao.amend.grammar import parse_decision
    from gongbao.grammar.labels import ARTICLE_START as _ARTICLE_LINE

    text = _read(path)
    dec = parse_decision(text, strict=False)
    if not dec.instructions:
        raise InputError("no amending instruction found (not a decision's text)", path=str(path))
    articles = [ln for ln in text.split("\n") if _ARTICLE_LINE.match(ln)]
    if len(articles) >= 3 and any(_ARTICLE_LINE.match(ln) and "第一条" in ln[:8] for ln in articles):
        raise InputError(
            f"a whole gazette, not a decision: {len(articles)} article lines (第X条…) follow the decision; "
            "give the decision's text alone, or run `gongbao verify` on the gazette",
            path=str(path),
        )
    return text


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""

    @app.command("instructions")
    def instructions_cmd(
        file: Path = typer.Argument(..., help="A gazette file (or a decision's text)."),
        decision: str | None = typer.Option(
            None, "--decision", help="Only this decision: its 文号 (or its 令's), or its title or part of it."
        ),
        fmt: _Fmt = typer.Option(_Fmt.text, "--format", help="text or json."),
    ) -> None:
        """Dry run: show how each instruction of an amending decision parses into operations.

        An instruction the grammar does not know is shown with its exact text and line.

        Example: gongbao instructions samples/liaocheng-2024-11-12.txt --decision 聊城市人民政府令第48号
        """
        from gongbao.amend.grammar import catch_all_consequences, parse_decision
        from gongbao.amend.locate import DecisionSource, find_decisions

        sources = find_decisions(str(file))
        if not sources:
            sources = [DecisionSource(None, _read(file), 1)]
        out = []
        for src in _pick(sources, decision, str(file)):
            dec = parse_decision(src.text, strict=False)
            out.append((src, dec))
        if not any(dec.instructions for _, dec in out):
            raise InputError("no amending instruction found (not a decision's text)", path=str(file))
        if fmt == _Fmt.json:
            _dump(
                {
                    "schema": "gongbao.instructions/1",
                    "decisions": [
                        {
                            "decision": src.doc_number,
                            "amends": dec.amends,
                            "general_clause": dec.general_clause,
                            "effective_clause": dec.effective_clause,
                            "catch_alls": [
                                {"text": c, "consequences": catch_all_consequences(c)} for c in dec.catch_alls
                            ],
                            # line: in the decision's text; source_line: in the file given (as the text output)
                            "instructions": [
                                {**i.to_json(), "source_line": src.source_line(i.offset, i.line)}
                                for i in dec.instructions
                            ],
                            "not_instructions": [{"line": n, "text": t} for n, t in dec.skipped],
                        }
                        for src, dec in out
                    ],
                }
            )
            return
        for src, dec in out:
            typer.echo(f"# {src.doc_number or '(decision)'}")
            for ins in dec.instructions:
                head = f"{ins.n if ins.n is not None else ins.part}. [{ins.regulation}] line {src.source_line(ins.offset, ins.line)}"
                typer.echo(head)
                if ins.error:
                    typer.echo(f"    ERROR {ins.error}")
                for op in ins.ops:
                    typer.echo("    " + _describe(op))
            for clause in dec.catch_alls:
                typer.echo(f"catch-all: {clause}")
            for line in dec.consequences():
                typer.echo(f"    {line}")
            for no, text in dec.skipped:
                typer.echo(f"not an instruction (line {src.source_line(0, no)}): {text[:60]}")
            if dec.effective_clause:
                typer.echo(f"effective-date clause (not an instruction): {dec.effective_clause}")
            unread = [i for i in dec.instructions if i.error]
            typer.echo(
                f"{len(dec.instructions)} instructions: {len(dec.instructions) - len(unread)} read"
                + (f", {len(unread)} NOT read (ERROR above)" if unread else "")
            )

    @app.command("verify")
    def verify_cmd(
        file: Path = typer.Argument(
            ..., help="A gazette carrying a decision and the texts it republishes (or a decision's text)."
        ),
        decision: str | None = typer.Option(None, "--decision", help="Only this decision (文号)."),
        base: list[Path] = typer.Option(
            [], "--base", help="The text of an amended work before the decision (repeatable)."
        ),
        republished: list[Path] = typer.Option(
            [], "--republished", help="A republished consolidated text, when FILE is the decision alone (repeatable)."
        ),
        fmt: _Fmt = typer.Option(_Fmt.json, "--format", help="json (schema gongbao.verify/1) or text."),
    ) -> None:
        """Check every instruction of an amending decision against the republished consolidated texts.

        Verdicts: match, differs (with the differing characters), unverifiable; plus the
        old->new article map of each regulation. With --base (the work's text before the
        decision) the whole republished text is compared with base + decision: every
        difference is reported with its place (edits a catch-all clause allows named one by
        one, cross-references left unrenumbered, changes in untouched articles, deletions not
        made). Without it, `not_checked` says what could not be checked.

        Example: gongbao verify samples/liaocheng-2024-11-12.txt --decision 聊城市人民政府令第48号 --format json
        """
        from gongbao.amend.locate import DecisionSource, find_decisions
        from gongbao.amend.regtext import parse_regulation
        from gongbao.amend.verify import verify_decision

        bases = {}
        for p in base:
            reg = parse_regulation(_read(p))
            if not reg.articles:
                raise InputError("no article (第一条…) found: not a regulation's text", path=str(p))
            bases[reg.title or str(p)] = reg
        if republished:
            src = DecisionSource(None, _decision_text(file), 1)
            regs = {}
            for p in republished:
                reg = parse_regulation(_read(p))
                if not reg.articles:
                    raise InputError("no article (第一条…) found: not a regulation's text", path=str(p))
                regs[reg.title or str(p)] = reg
            src.republished = regs
            sources = [src]
        else:
            sources = _pick(find_decisions(str(file)), decision, str(file))
        results = []
        for src in sources:
            dec = src.decision(strict=False)
            titles = [t for t, _ in dec.regulations]
            src_bases = _match_titles(bases, titles)
            src.republished = _match_titles(src.republished, titles)
            result = verify_decision(dec, src.republished, doc_number=src.doc_number, bases=src_bases)
            for ins, out in zip(dec.instructions, result["instructions"], strict=True):
                out["line"] = src.source_line(ins.offset, ins.line)  # a line of FILE, not of the decision
            results.append(result)
        if fmt == _Fmt.json:
            _dump(results[0] if len(results) == 1 else {"schema": results[0]["schema"], "decisions": results})
            return
        for r in results:
            typer.echo(f"# {r['decision'] or file}")
            for i in r["instructions"]:
                label = i["n"] if i["n"] is not None else i["part"]
                typer.echo(f"{label}. {i['verdict']}" + (f" ({i['error']})" if i.get("error") else ""))
                for d in i["differences"]:
                    for ch in d.get("changes", []):
                        typer.echo(
                            f"    {d.get('where')}: 决定“{ch['decision']}” 重新公布“{ch['republished']}” (…{ch['context']}…)"
                        )
            for note in (n for notes in r.get("inferred", {}).values() for n in notes):
                typer.echo(f"inferred: {note}")
            for work, report in r.get("against_base", {}).items():
                typer.echo(f"## against the base text of 《{work}》: {report.get('summary', '')}")
                for d in report["differences"]:
                    mark = "explained" if d["explained"] else "UNEXPLAINED"
                    typer.echo(f"    [{mark}] {d.get('message') or d['kind']}")
                for note in report.get("notes", []):
                    typer.echo(f"    note: {note}")
            for work, items in r.get("not_checked", {}).items():
                typer.echo(f"## 《{work}》 not checked without its base text (--base): " + "; ".join(items))

    @app.command("apply")
    def apply_cmd(
        base: Path = typer.Option(..., "--base", help="Plain text of the regulation before the decision."),
        decision_file: Path = typer.Option(..., "--decision", help="Plain text of the amending decision."),
        on: str | None = typer.Option(None, "--date", help="Valid-from date of the new version (YYYY-MM-DD)."),
        fmt: _DocFmt = typer.Option(_DocFmt.text, "--format", help="text, md or json."),
    ) -> None:
        """Apply an amending decision to a regulation and print the consolidated text.

        Example: gongbao apply --base tests/data/amend/x-base.txt --decision tests/data/amend/x-decision.txt --date 2021-01-01
        """
        from gongbao.amend.engine import apply_decision_text
        from gongbao.amend.regtext import parse_regulation, render

        valid_from = _date(on)
        base_text = _read(base)
        if not parse_regulation(base_text).articles:
            raise InputError("no article (第一条…) found: not a regulation's text", path=str(base))
        result = apply_decision_text(base_text, _decision_text(decision_file), valid_from=valid_from)
        if fmt == _DocFmt.json:
            _dump(result.to_json())
            return
        typer.echo(render(result.regulation, fmt=fmt.value), nl=False)
        for note in result.notes:  # on stderr, so the text on stdout stays the regulation alone
            typer.echo(f"note: {note}", err=True)

    @app.command("diff")
    def diff_cmd(
        old: Path = typer.Argument(..., help="Plain text of the older version."),
        new: Path = typer.Argument(..., help="Plain text of the newer version."),
        decision_file: Path | None = typer.Option(
            None, "--decision", help="The decision between them (aligns moved articles)."
        ),
        fmt: _DocFmt = typer.Option(_DocFmt.text, "--format", help="text, md or json."),
        width: int = typer.Option(40, "--width", help="Column width of the side-by-side text view."),
    ) -> None:
        """Show two versions side by side, aligned by the article map, with character changes marked.

        Changed characters are marked [-deleted-] and {+inserted+}.

        Example: gongbao diff old.txt new.txt --decision decision.txt
        """
        from gongbao.amend.diff import diff_versions, render_diff
        from gongbao.amend.grammar import parse_decision
        from gongbao.amend.regtext import parse_regulation

        ops = None
        if decision_file is not None:
            dec = parse_decision(_decision_text(decision_file), strict=False)
            old_reg = parse_regulation(_read(old))
            ops = [
                o
                for i in dec.instructions
                for o in i.ops
                if not i.error and _concerns(i.regulation, old_reg.title, dec)
            ]
        regs = []
        for p in (old, new):
            reg = parse_regulation(_read(p))
            if not reg.articles:
                raise InputError("no article (第一条…) found: not a regulation's text", path=str(p))
            regs.append(reg)
        for p, reg in zip((old, new), regs, strict=True):
            for note in reg.inferred:  # an excerpt (第十六条… then 第一百三十三条…) is said to be one
                typer.echo(f"note: {p.name}: {note}", err=True)
        rows = diff_versions(regs[0], regs[1], ops)
        if fmt == _DocFmt.json:
            _dump([r.to_json() for r in rows])
            return
        typer.echo(render_diff(rows, fmt=fmt.value, width=width), nl=False)


def _match_titles(regs: dict, titles: list[str]) -> dict:
    """Key texts by the decision's titles (《X》 as the decision prints it), where they name the same work."""
    from gongbao.amend.grammar import same_title

    out = {}
    for key, reg in regs.items():
        match = next((t for t in titles if same_title(t, reg.title or key)), None)
        if match is None and len(titles) == 1 and len(regs) == 1:
            match = titles[0]  # one work, one text: the decision's title for it
        out[match or key] = reg
    return out


def _concerns(regulation: str | None, title: str, dec: object) -> bool:
    from gongbao.amend.grammar import same_title

    names = {t for t, _ in getattr(dec, "regulations", [])}
    return regulation is None or len(names) <= 1 or same_title(regulation, title)


def _date(s: str | None) -> date | None:
    if s is None:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {s}") from None


def _describe(op: Operation) -> str:
    """One line per operation: action, target (original numbering), new number, text head."""
    parts = [op.action, op.target.label() if not op.target.is_empty() else ""]
    if op.new_number is not None:
        parts.append("-> " + op.new_number.label())
    if op.insert_after is not None:
        parts.append("after " + op.insert_after.label())
    if op.merge_paragraphs:
        parts.append(f"merge {list(op.merge_paragraphs)}")
    if op.old_term is not None:
        parts.append(f"“{op.old_term}”")
    if op.new_term is not None:
        parts.append(f"-> “{op.new_term}”")
    if op.articles:
        parts.append("in " + "、".join(t.label() for t in op.articles))
    if op.regulation and op.action == "repeal_regulation":
        parts.append(f"《{op.regulation}》")
    if op.text:
        head = op.text[0][:24]
        parts.append(f"“{head}…” ({len(op.text)} paragraph{'s' if len(op.text) > 1 else ''})")
    return " ".join(p for p in parts if p)
