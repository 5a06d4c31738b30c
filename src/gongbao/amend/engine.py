"""Apply operations to a base version of a regulation and produce the new version.

``apply(base, ops)`` never changes ``base``. Every operation names its target in the
ORIGINAL numbering; the engine finds units by the number they had in the base (``orig``),
so operations can be applied in printed order without recomputing positions. After all
operations it lays the regulation out again:

1. articles: explicit new numbers (将第十三条改为第十条, 增加一条，作为第十四条) are pins,
   every other article keeps its order and takes the next free number (implicit
   renumbering after deletions and insertions); chapters, paragraphs and items likewise;
2. internal cross-references in text the decision did not rewrite (本办法第九条, 第十六条和
   第十七条, 第六十一条至第六十三条) are rewritten to the new numbers; references to other
   instruments (《中华人民共和国…法》第十条) are left alone;
3. the general clause (对条文顺序和个别文字作相应调整) is recorded on the result: it allows
   edits the decision does not spell out, which no engine can reproduce.

Guarantees: each operation is applied exactly once; a target that does not exist raises
``InstructionError`` naming the instruction; the result's ``article_map`` covers every
article of the base.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongbao.amend.grammar import Decision, parse_decision
from gongbao.amend.mapping import assign_slots
from gongbao.amend.ops import Operation, Target
from gongbao.amend.regtext import (
    Article,
    Chapter,
    Item,
    Paragraph,
    Regulation,
    fold,
    parse_item,
    parse_regulation,
    render,
)
from gongbao.errors import InstructionError
from gongbao.grammar import labels as L
from gongbao.grammar.brackets import QUOTES_AND_PARENS, split_outside
from gongbao.grammar.history import is_history_line
from gongbao.structure.numerals import cn_to_int, int_to_cn

__all__ = ["ApplyResult", "apply", "apply_decision", "apply_decision_text", "paragraphs_from_text"]

# Labels and references are the genre's grammar (gongbao.grammar.labels).
_SUBITEM = L.NUMBERED_START
_ART_LABEL = L.ARTICLE_LINE
_CH_LABEL = L.CHAPTER_LINE
_SEC_LABEL = L.SECTION_LINE
_SENTENCE_END = "。！？!?"


def _sentences(text: str) -> list[str]:
    """A unit's sentences, each with its closing 。！？ (a quotation's inner marks do not end one)."""
    return [p for p in split_outside(text, _SENTENCE_END, brackets=QUOTES_AND_PARENS, keep=True) if p]


_TRAIL = "；;。.，,"


@dataclass(slots=True)
class ApplyResult:
    """The new version: its text model, the old -> new article map and what to tell a reader."""

    regulation: Regulation
    article_map: list[tuple[int, int | None]]
    notes: list[str] = field(default_factory=list)
    general_clause: str | None = None
    applied: list[str] = field(default_factory=list)  # operation ids, in order
    valid_from: date | None = None

    def text(self) -> str:
        return render(self.regulation)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.regulation.title,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "general_clause": self.general_clause,
            "article_map": [[a, b] for a, b in self.article_map],
            "notes": self.notes,
            "applied": self.applied,
            "text": self.text(),
        }


def _units_of(p: Paragraph) -> list[Paragraph | Item]:
    """The paragraph ``p`` followed by its items, in order."""
    return [p, *p.items]


def paragraphs_from_text(lines: Sequence[str]) -> list[Paragraph]:
    """Quoted paragraphs of a decision as paragraphs with their items (（一）… lines)."""
    out: list[Paragraph] = []
    for line in lines:
        item = parse_item(line)
        if (
            item is not None
            and item[1][1] == "、"
            and not (out and (out[-1].items or out[-1].text.endswith(("：", ":"))))
        ):
            item = None  # 一、 opens a list only after an introducing paragraph
        if item is not None and out:
            out[-1].items.append(Item(item[2], amended=True, style=item[1]))
        elif item is not None:
            out.append(Paragraph("", [Item(item[2], amended=True, style=item[1])], amended=True))
        elif _SUBITEM.match(line) and out and out[-1].items:
            out[-1].items[-1].subitems.append(line)
        else:
            out.append(Paragraph(line, amended=True))
    return out


class _Engine:
    def __init__(self, base: Regulation) -> None:
        self.reg = copy.deepcopy(base)
        self.base_orig = [a.orig for a in base.articles if a.orig is not None]
        self.base_main = {a.orig for a in base.articles if a.orig is not None and not a.orig_sub}  # (no 之N)
        self.deleted: set[int] = set()
        self.art_pins: dict[int, int] = {}  # id(article) -> new number
        self.chapter_pins: dict[int, int] = {}  # id(chapter) -> new number
        self.far_from: dict[int, int | None] = {}  # id(promoted article) -> chapter of its source
        self.anchors: dict[int, int | None] = {}  # id(inserted article) -> orig of the article before it
        self.unit_pins: dict[int, int] = {}  # id(paragraph or item) -> new number
        self.notes: list[str] = []
        self.applied: list[str] = []
        self.merged: dict[int, Article] = {}  # orig of a merged-away article -> the article it joined
        self.promoted: dict[tuple[int | None, int | None], Article] = {}  # (article, paragraph) -> new article
        self.sub_pins: dict[int, int] = {}  # id(article inserted as 第X条之N) -> N
        self.groups: list[Operation] = []  # 分为六节…包括第X条至第Y条: applied once the articles are numbered
        # Lists printed “（一）…；（二）…。”: after items are added, moved or deleted the closing 。 stays last.
        self.closed_lists: set[int] = {
            id(p)
            for a in self.reg.articles
            for p in a.paragraphs
            if len(p.items) >= 2
            and all(it.text.endswith("；") for it in p.items[:-1])
            and p.items[-1].text.endswith("。")
        }

    # -- lookups (original numbering)

    def _fail(self, op: Operation, why: str) -> InstructionError:
        who = f"instruction {op.n}" if op.n is not None else f"operation {op.id or op.action}"
        return InstructionError(f"{who}: {why} ({op.raw.strip()[:80]})")

    def article(self, op: Operation, t: Target) -> Article:
        for a in self.reg.articles:
            if a.orig == t.article and a.orig_sub == t.sub:
                return a
        label = f"第{int_to_cn(t.article or 0)}条" + (f"之{int_to_cn(t.sub)}" if t.sub else "")
        raise self._fail(op, f"{label} does not exist")

    def unit_text(self, op: Operation, t: Target) -> Paragraph | Item:
        """The paragraph or item a sentence-level target (第二款第一句) lies in."""
        art = self.article(op, t)
        if t.item is not None:
            return self.item(op, art, t)[1]
        if t.paragraph is not None:
            return self.paragraph(op, art, t)
        if len(art.paragraphs) == 1:
            return art.paragraphs[0]
        raise self._fail(op, f"{t.label()}: which paragraph's sentence? the article has {len(art.paragraphs)}")

    def _sentence(self, op: Operation) -> bool:
        """第X条第Y款第Z句修改为 / 删去第Z句: the sentence (ended by 。！？) is replaced or removed."""
        t = op.target
        if t.sentence is None:
            return False
        unit = self.unit_text(op, t)
        parts = _sentences(unit.text)
        k = t.sentence - 1
        if not 0 <= k < len(parts):
            raise self._fail(op, f"{t.label()} does not exist (the unit has {len(parts)} sentences)")
        if op.action == "replace":
            new = "".join(op.text)
            if new[-1:] not in _SENTENCE_END and parts[k][-1:] in _SENTENCE_END:
                new += parts[k][-1]  # a sentence quoted without its 。 keeps the one printed
            parts[k] = new
        else:
            del parts[k]
        unit.text = _tidy_list("".join(parts), unit.text)
        unit.amended = True
        self.article(op, t).amended = True
        return True

    def chapter(self, op: Operation, number: int) -> Chapter:
        for c in self.reg.chapters:
            if c.orig == number:
                return c
        raise self._fail(op, f"第{int_to_cn(number)}章 does not exist")

    def paragraph(self, op: Operation, art: Article, t: Target) -> Paragraph:
        for p in art.paragraphs:
            if p.orig == t.paragraph:
                return p
        raise self._fail(op, f"{t.label()} does not exist")

    def item_holder(self, op: Operation, art: Article, t: Target) -> Paragraph:
        if t.paragraph is not None:
            return self.paragraph(op, art, t)
        holders = [p for p in art.paragraphs if p.items]
        if not holders:
            raise self._fail(op, f"{t.label()}: the article has no items")
        return holders[0]

    def item(self, op: Operation, art: Article, t: Target) -> tuple[Paragraph, Item]:
        holder = self.item_holder(op, art, t)
        for it in holder.items:
            if it.orig == t.item:
                return holder, it
        raise self._fail(op, f"{t.label()} does not exist")

    # -- operations

    def apply(self, op: Operation) -> None:
        handler = getattr(self, "_" + op.action, None)
        if handler is None:
            raise self._fail(op, f"action {op.action} cannot be applied to a text")
        handler(op)
        self.applied.append(op.id or op.action)

    def _replace(self, op: Operation) -> None:
        t = op.target
        if self._sentence(op):
            return
        level = t.level
        if level == "chapter":
            raise self._fail(op, "a whole chapter cannot be replaced by text")
        if level == "paragraph" and (t.article, t.paragraph) in self.promoted:
            promoted = self.promoted[(t.article, t.paragraph)]
            promoted.paragraphs = paragraphs_from_text(op.text)
            promoted.amended = True
            return
        art = self.article(op, t)
        art.amended = True
        if level == "article":
            art.paragraphs = paragraphs_from_text(op.text)
            for k, p in enumerate(art.paragraphs, 1):
                p.orig = None
                del k
        elif level == "paragraph" and op.position == "lead":
            # 第一款第一自然段修改为: the paragraph's own text; its items stay.
            para = self.paragraph(op, art, t)
            para.text = paragraphs_from_text(op.text)[0].text
            para.amended = True
        elif level == "paragraph":
            para = self.paragraph(op, art, t)
            new = paragraphs_from_text(op.text)
            para.text = new[0].text
            para.amended = True
            if new[0].items:
                para.items = new[0].items
            if len(new) > 1:
                k = art.paragraphs.index(para)
                art.paragraphs[k + 1 : k + 1] = new[1:]
        elif level == "item":
            holder, it = self.item(op, art, t)
            texts = []
            for line in op.text or ("",):
                parsed = parse_item(line)
                text = parsed[2] if parsed else line
                if text and text[-1] not in _TRAIL and it.text[-1:] in _TRAIL:
                    text += it.text[-1]  # the decision quotes an item without the list's ；/。
                texts.append(text)
            it.text = texts[0]
            it.amended = True
            # 第二项分为两项: the other quoted items follow it; later items move down.
            k = next(j for j, x in enumerate(holder.items) if x is it) + 1
            holder.items[k:k] = [Item(x, amended=True, style=it.style) for x in texts[1:]]
        else:
            raise self._fail(op, f"cannot replace {t.label()}")
        if op.new_number is not None:
            self._pin(op, art, op.new_number)

    def _pin(self, op: Operation, art: Article, new: Target) -> None:
        t = op.target
        level = new.level
        if new.article is not None and t.article is not None:
            self.art_pins[id(art)] = new.article
        if level == "paragraph" and t.paragraph is not None:
            assert new.paragraph is not None  # level "paragraph": the innermost set level
            self.unit_pins[id(self.paragraph(op, art, t))] = new.paragraph
        elif level == "item" and t.item is not None:
            _, it = self.item(op, art, t)
            assert new.item is not None  # level "item": the innermost set level
            self.unit_pins[id(it)] = new.item

    def _renumber(self, op: Operation) -> None:
        t, new = op.target, op.new_number
        if new is None:
            raise self._fail(op, "renumber without a new number")
        if t.level == "chapter":
            ch = self.chapter(op, t.chapter or 0)
            self.chapter_pins[id(ch)] = new.chapter or 0
            return
        art = self.article(op, t)
        if t.level == "paragraph" and new.level == "article":
            self._promote(op, art)
            return
        if t.level == "item" and new.level == "item" and new.paragraph is not None:
            holder, it = self.item(op, art, t)
            dest = self._paragraph_numbered(art, new.paragraph)
            if dest is not None and dest is not holder:
                # 原第六项修改为第二款第一项: the item leaves its list for the paragraph numbered 第二款.
                holder.items.remove(it)
                dest.items.append(it)
                if new.item is not None:
                    self.unit_pins[id(it)] = new.item
                art.amended = True
                return
        self._pin(op, art, new)

    def _paragraph_numbered(self, art: Article, number: int) -> Paragraph | None:
        """The paragraph that will print as 第``number``款: pinned to it by this decision, else of that original number."""
        for p in art.paragraphs:
            if self.unit_pins.get(id(p)) == number:
                return p
        for p in art.paragraphs:
            if p.orig == number and id(p) not in self.unit_pins:
                return p
        return None

    def _promote(self, op: Operation, art: Article) -> None:
        """将第二款改为第十九条: the paragraph leaves its article and becomes an article after it."""
        t, new = op.target, op.new_number
        assert new is not None
        para = self.paragraph(op, art, t)
        k = self.reg.articles.index(art) + 1
        while k < len(self.reg.articles) and id(self.reg.articles[k]) in self.anchors:
            k += 1
        if art.paragraphs == [para]:
            # 将第十三条第二款改为第十六条，第一款改为第十七条: the last paragraph left takes the
            # article itself (and its original number) to the new place.
            i = next(j for j, a in enumerate(self.reg.articles) if a is art)
            self.reg.articles.insert(k, art)
            del self.reg.articles[i]
            self.art_pins[id(art)] = new.article or 0
            self.promoted[(t.article, t.paragraph)] = art
            return
        art.paragraphs.remove(para)
        promoted = Article(None, [para], art.chapter, art.section)
        self.reg.articles.insert(k, promoted)
        self.far_from[id(promoted)] = art.chapter  # its chapter is settled once it is numbered
        self.anchors[id(promoted)] = art.orig
        self.art_pins[id(promoted)] = new.article or 0
        self.promoted[(t.article, t.paragraph)] = promoted

    def _delete(self, op: Operation) -> None:
        t = op.target
        if self._sentence(op):
            return
        art = self.article(op, t)
        if t.level == "article":
            self.reg.articles.remove(art)
            if art.orig is not None:
                self.deleted.add(art.orig)
        elif t.level == "paragraph":
            art.paragraphs.remove(self.paragraph(op, art, t))
            art.amended = True
            if not art.paragraphs:
                # Its last paragraph gone (merged elsewhere or deleted): the article goes with it.
                self.reg.articles.remove(art)
                if art.orig is not None:
                    self.deleted.add(art.orig)
                self.notes.append(f"{art.label}: its last paragraph removed, the article goes")
        elif t.level == "item":
            holder, it = self.item(op, art, t)
            k = next(j for j, x in enumerate(holder.items) if x is it)
            del holder.items[k]
            if k == len(holder.items) and k > 0 and it.text.endswith("。") and holder.items[k - 1].text.endswith("；"):
                # The last item deleted: the list's closing 。 moves to the new last item.
                holder.items[k - 1].text = holder.items[k - 1].text[:-1] + "。"
        else:
            raise self._fail(op, f"cannot delete {t.label()}")

    def _delete_chapter(self, op: Operation) -> None:
        ch = self.chapter(op, op.target.chapter or 0)
        members = [a for a in self.reg.articles if a.chapter == ch.orig]
        for a in members:
            self.reg.articles.remove(a)
            if a.orig is not None:
                self.deleted.add(a.orig)
        self.reg.chapters.remove(ch)
        self.notes.append(f"第{int_to_cn(ch.orig or 0)}章 deleted with articles {[a.orig for a in members]}")

    def _merge_chapter(self, op: Operation) -> None:
        ch = self.chapter(op, op.target.chapter or 0)
        into = self.chapter(op, (op.new_number.chapter if op.new_number else None) or 0)
        members = [a for a in self.reg.articles if a.chapter == ch.orig]
        for a in members:
            a.chapter = into.orig
        self.reg.chapters.remove(ch)
        self.notes.append(
            f"第{int_to_cn(ch.orig or 0)}章 merged into 第{int_to_cn(into.orig or 0)}章 with articles {[a.orig for a in members]}"
        )

    def _insert(self, op: Operation) -> None:
        unit = op.insert_unit
        if unit == "sentence":
            self._insert_sentence(op)
            return
        if unit == "section":
            self._insert_section(op)
            return
        if unit == "article" and op.new_number is not None and op.new_number.sub:
            self._insert_sub_article(op)
            return
        if unit == "article":
            art = Article(None, paragraphs_from_text(op.text), amended=True)
            anchor = op.insert_after.article if op.insert_after else None
            if anchor is not None:
                before = self.article(op, Target(article=anchor))
                k = self.reg.articles.index(before) + 1
                art.chapter, art.section = before.chapter, before.section
            else:
                k = len(self.reg.articles)
                for j, a in enumerate(self.reg.articles):
                    if a.orig is not None and op.new_number and a.orig >= (op.new_number.article or 0):
                        k = j
                        break
            self.reg.articles.insert(k, art)
            self.anchors[id(art)] = anchor
            if op.new_number and op.new_number.article:
                self.art_pins[id(art)] = op.new_number.article
            return
        if unit == "chapter":
            self._insert_chapter(op)
            return
        art = self.article(op, op.target)
        art.amended = True
        new = paragraphs_from_text(op.text)
        if unit == "paragraph":
            after = op.insert_after.paragraph if op.insert_after else None
            if after is not None:
                k = art.paragraphs.index(self.paragraph(op, art, op.target.with_(paragraph=after))) + 1
            else:
                k = min(
                    len(art.paragraphs), (op.new_number.paragraph or 1) - 1 if op.new_number else len(art.paragraphs)
                )
            art.paragraphs[k:k] = new
            if op.new_number and op.new_number.paragraph:
                self.unit_pins[id(new[0])] = op.new_number.paragraph
            return
        if unit == "item":
            holder = self.item_holder(op, art, op.target)
            items = [it for p in new for it in p.items] or [Item(p.text, amended=True) for p in new]
            if any(p.items for p in new) and any(p.text for p in new):
                # an item and a line that is no item: text the new item cannot hold (it was dropped)
                raise self._fail(op, "the text written as an item holds a line that is not an item")
            after = op.insert_after.item if op.insert_after else None
            if after is not None:
                _, prev = self.item(op, art, op.target.with_(item=after))
                k = holder.items.index(prev) + 1
            else:
                k = min(len(holder.items), (op.new_number.item or 1) - 1 if op.new_number else len(holder.items))
            if items and items[0].text[-1:] not in _TRAIL and k > 0:
                items[0].text += holder.items[k - 1].text[-1:] if holder.items[k - 1].text[-1:] in _TRAIL else ""
            if (
                items
                and k == len(holder.items)
                and k > 0
                and holder.items[k - 1].text.endswith("。")
                and (k == 1 or holder.items[k - 2].text.endswith("；"))
            ):
                # Appended after the last item: the list's 。 moves to the new last item (not in a list whose
                # items each end with 。, as 上海市…任免…条例 第七条 prints them).
                holder.items[k - 1].text = holder.items[k - 1].text[:-1] + "；"
                if items[-1].text.endswith("；"):
                    items[-1].text = items[-1].text[:-1] + "。"
            holder.items[k:k] = items
            if op.new_number and op.new_number.item:
                self.unit_pins[id(items[0])] = op.new_number.item
            return
        raise self._fail(op, f"cannot insert a {unit}")

    def _insert_sentence(self, op: Operation) -> None:
        """在第二款第一句后增加一句：“…” (or at the end of the unit when no sentence is named)."""
        unit = self.unit_text(op, op.target)
        parts = _sentences(unit.text)
        new = "".join(op.text)
        if new[-1:] not in _SENTENCE_END:
            new += "。"
        after = op.insert_after.sentence if op.insert_after and op.insert_after.sentence else None
        if after is None and op.new_number is not None and op.new_number.sentence:
            after = op.new_number.sentence - 1
        k = len(parts) if after is None else after
        if not 0 <= k <= len(parts):
            raise self._fail(op, f"{op.target.label()} has {len(parts)} sentences")
        if k > 0 and parts[k - 1][-1:] not in _SENTENCE_END:
            parts[k - 1] += "。"
        parts.insert(k, new)
        unit.text = "".join(parts)
        unit.amended = True
        self.article(op, op.target).amended = True

    def _insert_sub_article(self, op: Operation) -> None:
        """增加一条，作为第十条之一: placed after 第十条 (of the new version); no other article moves."""
        assert op.new_number is not None
        art = Article(None, paragraphs_from_text(op.text), amended=True)
        parent = op.insert_after.article if op.insert_after else op.new_number.article
        before = self.article(op, Target(article=parent))
        k = self.reg.articles.index(before) + 1
        while k < len(self.reg.articles) and id(self.reg.articles[k]) in self.sub_pins:
            k += 1
        art.chapter, art.section = before.chapter, before.section
        self.reg.articles.insert(k, art)
        self.sub_pins[id(art)] = op.new_number.sub or 1

    def _insert_section(self, op: Operation) -> None:
        """在第二章第一节后增加一节，作为第二节：“第二节　X”“第N条 …”: its articles follow the section before."""
        ch = self.chapter(op, op.target.chapter or 0)
        heading = ""
        body: list[str] = []
        for line in op.text:
            m = _SEC_LABEL.match(line)
            if m and not heading:
                heading = m.group(2).strip()
            else:
                body.append(line)
        after = op.insert_after.section if op.insert_after else None
        members = [j for j, a in enumerate(self.reg.articles) if a.chapter == ch.orig]
        if after is not None:
            prev = [j for j in members if self.reg.articles[j].section == after]
            if not prev:
                raise self._fail(op, f"第{int_to_cn(after)}节 does not exist in 第{int_to_cn(ch.orig or 0)}章")
            k = prev[-1] + 1
        else:
            k = (members[-1] + 1) if members else len(self.reg.articles)
        key = -1000 - len(ch.sections)
        if op.new_number and op.new_number.section:
            number = op.new_number.section
        elif after is not None:
            number = after + 1
        else:
            number = len(ch.sections) + 1  # 第二章中增加一节: at the end of the chapter
        # Sections after the new one move down by one (original numbers kept as keys).
        ch.section_numbers = {
            s: (
                ch.section_numbers.get(s, s) + 1
                if ch.section_numbers.get(s, s) >= number
                else ch.section_numbers.get(s, s)
            )
            for s in ch.sections
        }
        ch.sections[key] = heading
        ch.section_numbers[key] = number
        new_articles: list[Article] = []
        for line in body:
            m = _ART_LABEL.match(line)
            if m:
                a = Article(None, [Paragraph(m.group(2).strip(), amended=True)], ch.orig, key, amended=True)
                self.art_pins[id(a)] = cn_to_int(m.group(1))
                new_articles.append(a)
            elif new_articles:
                new_articles[-1].paragraphs.extend(paragraphs_from_text([line]))
            else:
                raise self._fail(op, "section text without 第X条")
        for a in new_articles:
            self.anchors[id(a)] = None
        self.reg.articles[k:k] = new_articles

    def _insert_chapter(self, op: Operation) -> None:
        heading = ""
        body: list[str] = []
        for line in op.text:
            m = _CH_LABEL.match(line)
            if m and not heading:
                heading = m.group(2).strip()
            else:
                body.append(line)
        ch = Chapter(None, heading)
        after = op.insert_after.chapter if op.insert_after else None
        if after is not None:
            prev = self.chapter(op, after)
            self.reg.chapters.insert(self.reg.chapters.index(prev) + 1, ch)
            last = [j for j, a in enumerate(self.reg.articles) if a.chapter == prev.orig]
            k = (last[-1] + 1) if last else len(self.reg.articles)
        else:
            self.reg.chapters.append(ch)
            k = len(self.reg.articles)
        if op.new_number and op.new_number.chapter:
            self.chapter_pins[id(ch)] = op.new_number.chapter
        key = -1000 - len(self.reg.chapters)  # a chapter number no base chapter has
        ch.orig = key
        new_articles: list[Article] = []
        for line in body:
            m = _ART_LABEL.match(line)
            if m:
                a = Article(None, [Paragraph(m.group(2).strip(), amended=True)], chapter=key, amended=True)
                self.art_pins[id(a)] = cn_to_int(m.group(1))
                new_articles.append(a)
            elif new_articles:
                new_articles[-1].paragraphs.extend(paragraphs_from_text([line]))
            else:
                raise self._fail(op, "chapter text without 第X条")
        for a in new_articles:
            self.anchors[id(a)] = None
        self.reg.articles[k:k] = new_articles

    def _merge(self, op: Operation) -> None:
        t = op.target
        if op.articles:
            first = self.article(op, op.articles[0])
            for other in op.articles[1:]:
                a = self.article(op, other)
                self.reg.articles.remove(a)
                if a.orig is not None:
                    self.deleted.add(a.orig)
                    self.merged[a.orig] = first
            if op.text:
                first.paragraphs = paragraphs_from_text(op.text)
            first.amended = True
            if op.new_number and op.new_number.article:
                self.art_pins[id(first)] = op.new_number.article
            return
        art = self.article(op, t)
        paras = [self.paragraph(op, art, t.with_(paragraph=p)) for p in op.merge_paragraphs]
        keep = paras[0]
        if op.text:
            new = paragraphs_from_text(op.text)
            keep.text = new[0].text
            keep.items = new[0].items or [it for p in paras for it in p.items]
        else:
            keep.text = "".join(p.text for p in paras)
        keep.amended = True
        for p in paras[1:]:
            art.paragraphs.remove(p)
        if op.new_number is not None:
            self._pin(op, art, op.new_number)

    def _split(self, op: Operation) -> None:
        art = self.article(op, op.target)
        parts = split_text(op.text, len(op.new_numbers) or 2)
        if parts is None:
            raise self._fail(op, "cannot tell which quoted paragraphs go to which new article")
        art.paragraphs = paragraphs_from_text(parts[0])
        art.amended = True
        if op.new_numbers and op.new_numbers[0].article:
            self.art_pins[id(art)] = op.new_numbers[0].article
        k = self.reg.articles.index(art) + 1
        for j, part in enumerate(parts[1:], start=1):
            new = Article(None, paragraphs_from_text(part), art.chapter, art.section, amended=True)
            self.reg.articles.insert(k, new)
            k += 1
            self.anchors[id(new)] = art.orig
            pinned = op.new_numbers[j].article if len(op.new_numbers) > j else None
            if pinned:
                self.art_pins[id(new)] = pinned

    def _scope(self, op: Operation) -> list[tuple[Target, list[Paragraph | Item]]]:
        """The texts a term operation works on: whole articles, paragraphs or items."""
        out: list[tuple[Target, list[Paragraph | Item]]] = []
        scopes = op.articles or tuple(Target(article=a.orig) for a in self.reg.articles if a.orig is not None)
        for t in scopes:
            if t.article is None and t.chapter is not None:
                arts = [a for a in self.reg.articles if a.chapter == t.chapter]
                units: list[Paragraph | Item] = [u for a in arts for p in a.paragraphs for u in _units_of(p)]
                out.append((t, units))
                continue
            art = self.article(op, t)
            if t.item is not None:
                units = [self.item(op, art, t)[1]]
            elif t.paragraph is not None:
                p = self.paragraph(op, art, t)
                units = [p, *p.items]
            else:
                units = [u for p in art.paragraphs for u in _units_of(p)]
            out.append((t, units))
        return out

    def _term(self, op: Operation, change: Callable[[str], str]) -> None:
        """Apply ``change`` to the text of every unit in the scope of ``op``.

        Raises ``InstructionError`` when a scope the decision names is left unchanged.
        """
        missing: list[str] = []
        for t, units in self._scope(op):
            hits = self._change_units(units, change)
            if hits == 0 and op.articles and t.article is not None and t.level in ("paragraph", "item"):
                # 删去第四项中的“甲”，将“乙”修改为“丙”: the second term may sit elsewhere in the article.
                art = self.article(op, t.with_(paragraph=None, item=None, subitem=None))
                hits = self._change_units([u for p in art.paragraphs for u in _units_of(p)], change)
                if hits:
                    self.notes.append(f"“{op.old_term}” not in {t.label()}: changed in the rest of its article")
            if hits == 0 and op.articles:
                missing.append(t.label())
        if missing:
            raise self._fail(op, f"“{op.old_term}” not found in {'、'.join(missing)}")

    @staticmethod
    def _change_units(units: Sequence[Paragraph | Item], change: Callable[[str], str]) -> int:
        """Apply ``change`` to each unit's text; returns how many units it changed."""
        hits = 0
        for u in units:
            new = change(u.text)
            if new != u.text:
                u.text = new  # still base text around the term: references get rewritten
                hits += 1
        return hits

    def _replace_term(self, op: Operation) -> None:
        old, new = op.old_term or "", _written(op.new_term or "")
        if op.occurrence is not None:
            self._replace_nth(op, old, new, op.occurrence)
            return
        self._term(op, lambda s: _replace_folded(s, old, new))

    def _replace_nth(self, op: Operation, old: str, new: str, k: int) -> None:
        """中的第一处“甲”修改为“乙”: the k-th occurrence in the scope, in reading order."""
        seen = 0
        for _t, units in self._scope(op):
            for u in units:
                start = 0
                while True:
                    j = u.text.find(old, start)
                    if j < 0:
                        break
                    seen += 1
                    if seen == k:
                        u.text = u.text[:j] + new + u.text[j + len(old) :]
                        return
                    start = j + len(old)
        raise self._fail(op, f"no occurrence {k} of “{old}”")

    def _delete_term(self, op: Operation) -> None:
        old = op.old_term or ""
        # A deleted list member leaves no doubled 顿号 behind (文化、卫生、民政 -> 文化、民政).
        self._term(op, lambda s: _tidy_list(_replace_folded(s, old, ""), s))

    def _insert_term(self, op: Operation) -> None:
        if op.position in ("end", "start"):
            self._append_text(op)
            return
        old, new = op.old_term or "", _written(op.new_term or "")
        repl = old + new if op.position != "before" else new + old
        self._term(op, lambda s: _replace_folded(s, old, repl))

    def _append_text(self, op: Operation) -> None:
        """在第一款最后增加“…”: the text joins the last (or, for ``start``, the first) unit printed."""
        for _t, units in self._scope(op):
            if not units:
                raise self._fail(op, "nothing to add the text to")
            u = units[-1] if op.position == "end" else units[0]
            added = _written(op.new_term or "")
            if op.position != "end":
                u.text = added + u.text
                continue
            mark = u.text[-1:] if u.text[-1:] in ("。", "；") else ""
            if mark and added and _unmark(added)[-1:] not in "。；：，！？”":
                # 在第二十八条条文后增加“其中，…应当经市人民政府批准”: the unit's closing mark closes the added
                # text too (a clause opened by ，/； goes before it, inside the sentence)
                if _unmark(added)[:1] in ("，", "、", "；"):
                    u.text = u.text[:-1] + added + mark
                else:
                    u.text = u.text + added + mark
                continue
            u.text = u.text + added

    def _replace_heading(self, op: Operation) -> None:
        ch = self.chapter(op, op.target.chapter or 0)
        heading = op.text[0] if op.text else ""
        if op.target.section is not None:
            if op.target.section not in ch.sections:
                raise self._fail(op, f"{op.target.label()} does not exist")
            ch.sections[op.target.section] = heading
        else:
            ch.heading = heading

    def _group(self, op: Operation) -> None:
        """分为六节：第一节“…”，包括第七条至第九条 — settled in ``layout`` (the ranges are new numbers)."""
        self.chapter(op, op.target.chapter or 0)
        if len(op.new_numbers) != 2:
            raise self._fail(op, "a chapter or section without its range of articles")
        self.groups.append(op)

    def _group_chapters(self) -> set[int]:
        """Put the articles a ``group`` names in their chapter (before the others are placed)."""
        out: set[int] = set()
        for op in self.groups:
            ch = self.chapter(op, op.target.chapter or 0)
            lo, hi = (t.article or 0 for t in op.new_numbers)
            for a in self.reg.articles:
                if a.number is not None and lo <= a.number <= hi:
                    a.chapter = ch.orig
                    out.add(id(a))
        return out

    def _apply_groups(self) -> None:
        sectioned: set[int] = set()
        for op in self.groups:
            ch = self.chapter(op, op.target.chapter or 0)
            lo, hi = (t.article or 0 for t in op.new_numbers)
            members = [a for a in self.reg.articles if a.number is not None and lo <= a.number <= hi and not a.sub]
            if len(members) != hi - lo + 1:
                raise self._fail(op, f"第{int_to_cn(lo)}条 to 第{int_to_cn(hi)}条 are not all in the new version")
            sec = op.target.section
            if sec is not None and id(ch) not in sectioned:
                sectioned.add(id(ch))
                ch.sections = {}  # the chapter is divided anew
                for a in self.reg.articles:
                    if a.chapter == ch.orig:
                        a.section = None
            for a in self.reg.articles:
                if a.number is not None and lo <= a.number <= hi:
                    a.chapter = ch.orig
                    if sec is not None:
                        a.section = sec
            if sec is not None:
                ch.sections[sec] = op.text[0] if op.text else ""
            elif op.text and fold(op.text[0]) != fold(ch.heading):
                self.notes.append(
                    f"第{int_to_cn(ch.number or 0)}章 is “{ch.heading}”, the decision calls it “{op.text[0]}”"
                )
            self.notes.append(
                f"第{int_to_cn(ch.number or 0)}章"
                + (f"第{int_to_cn(sec)}节“{ch.sections[sec]}”" if sec is not None else "")
                + f" holds 第{int_to_cn(lo)}条 to 第{int_to_cn(hi)}条"
            )

    def _replace_title(self, op: Operation) -> None:
        self.reg.title = (op.text[0] if op.text else "").strip("《》")

    def _repeal_regulation(self, op: Operation) -> None:
        raise self._fail(op, f"《{op.regulation}》 is repealed, not amended")

    # -- layout

    def _place(self, art: Article) -> str:
        """第二章 / 第三章第一节: where ``art`` stands (its chapter's number in this version)."""
        return self.reg.place(art) or "the text"

    def layout(self) -> list[tuple[int, int | None]]:
        reg = self.reg
        keys: list[int] = [id(a) for a in reg.articles if id(a) not in self.sub_pins and not a.orig_sub]
        if reg.excerpt:
            # An excerpt (第十六条… then 第一百三十三条…) keeps its printed numbers: only edits that move no
            # article (之N insertions, edits inside articles) can be applied to it.
            kept = {a.orig for a in reg.articles if id(a) in keys}
            pinned = [k for k in self.art_pins if k not in self.sub_pins]
            if pinned or self.chapter_pins or kept != self.base_main or len(keys) != len(self.base_main):
                raise InstructionError(
                    "the base text is an excerpt ("
                    + "; ".join(n for n in reg.inferred if n.startswith("an excerpt"))
                    + "): the decision adds, removes or renumbers articles or chapters, which moves articles "
                    "the excerpt does not print; give the whole text"
                )
            for c in reg.chapters:
                c.number = c.orig
            slots = {id(a): a.orig or 0 for a in reg.articles if id(a) in keys}
        else:
            # 1. chapters: pins, then order.
            ch_slots = assign_slots([id(c) for c in reg.chapters], {k: v for k, v in self.chapter_pins.items()})
            for c in reg.chapters:
                c.number = ch_slots[id(c)]
            # 2. articles; an inserted one without a chapter joins the chapter of the article before it.
            slots = assign_slots(keys, dict(self.art_pins))
        parent: int | None = None
        for a in reg.articles:
            if id(a) in slots:
                a.number, a.sub = slots[id(a)], None
                parent = a.number
            else:
                # 第十条之一 follows its article and keeps its 之N.
                a.number, a.sub = parent, self.sub_pins.get(id(a), a.orig_sub)
        reg.articles.sort(key=lambda a: (a.number or 0, a.sub or 0))
        reg.chapters.sort(key=lambda c: c.number or 0)
        grouped = self._group_chapters()  # 包括第X条至第Y条: these articles' chapters are given
        prev_ch = next((a.chapter for a in reg.articles if a.chapter is not None), None)
        next_ch: list[int | None] = [None] * len(reg.articles)  # chapter of the next article that has one
        for k in range(len(reg.articles) - 2, -1, -1):
            following = reg.articles[k + 1].chapter
            next_ch[k] = following if following is not None else next_ch[k + 1]
        for k, a in enumerate(reg.articles):
            if id(a) in grouped:
                pass
            elif id(a) in self.far_from or (id(a) in self.art_pins and a.chapter is not None):
                # A unit moved by number (单列一条，作为第四十九条 · 将第二十五条改为第五十八条) stays in
                # its chapter when it lands next to an article of that chapter; sent away from all of
                # them, it joins its new neighbours' chapter.
                source = self.far_from.get(id(a), a.chapter)
                nxt = next_ch[k]
                mates = any(b is not a and b.chapter == source for b in reg.articles)
                if mates and source not in (prev_ch, nxt):
                    # Landing between two chapters it opens the next one (将第二十五条改为第五十八条 in the
                    # republished 审计法 opens 附则); inside a chapter it joins that chapter.
                    a.chapter = nxt if nxt is not None else prev_ch
                else:
                    a.chapter = source
            elif a.orig is None and a.chapter is None:
                # It joins the chapter (and section) of the article before it. Between two chapters or
                # sections (增加一条，作为第十四条 after the last article of 第二章, before the first of
                # 第三章第一节) the decision does not say which side it joins: said in a note.
                before = reg.articles[k - 1] if k > 0 else None
                a.chapter = prev_ch
                a.section = before.section if before is not None and before.chapter == prev_ch else None
                after = next((b for b in reg.articles[k + 1 :] if b.orig is not None or b.chapter is not None), None)
                if (
                    before is not None
                    and after is not None
                    and (after.chapter, after.section) != (before.chapter, before.section)
                ):
                    self.notes.append(
                        f"第{int_to_cn(a.number or 0)}条: placement: inserted between {self._place(before)} and "
                        f"{self._place(after)}, placed at the end of {self._place(before)} (the decision does not "
                        "say which; the republished text does)"
                    )
            prev_ch = a.chapter
        if self.groups:
            self._apply_groups()
        # 3. paragraphs and items inside each article.
        for a in reg.articles:
            p_slots = assign_slots(
                [id(p) for p in a.paragraphs],
                {id(p): self.unit_pins[id(p)] for p in a.paragraphs if id(p) in self.unit_pins},
            )
            a.paragraphs.sort(key=lambda p: p_slots[id(p)])
            for p in a.paragraphs:
                i_slots = assign_slots(
                    [id(i) for i in p.items], {id(i): self.unit_pins[id(i)] for i in p.items if id(i) in self.unit_pins}
                )
                p.items.sort(key=lambda i: i_slots[id(i)])
                if id(p) in self.closed_lists and p.items:
                    for it in p.items[:-1]:
                        if it.text.endswith("。"):
                            it.text = it.text[:-1] + "；"
                    if p.items[-1].text.endswith("；"):
                        p.items[-1].text = p.items[-1].text[:-1] + "。"
        new_of = {a.orig: a.number for a in reg.articles if a.orig is not None}
        for gone, into in self.merged.items():
            new_of[gone] = into.number
        return [(o, new_of.get(o)) for o in self.base_orig]

    def paragraph_map(self) -> dict[tuple[int, int], int | None]:
        """(old article, old paragraph) -> new paragraph, for paragraphs whose number changed."""
        out: dict[tuple[int, int], int | None] = {}
        surviving = {a.orig: a for a in self.reg.articles if a.orig is not None}
        for old in self.base_orig:
            a = surviving.get(old)
            if a is None:
                continue
            for k, p in enumerate(a.paragraphs, 1):
                if p.orig is not None and p.orig != k:
                    out[(old, p.orig)] = k
        return out

    def rewrite_references(self, amap: list[tuple[int, int | None]]) -> None:
        """Rewrite references in base text to the new numbers; text the decision wrote is left alone.

        Terms a decision inserted into base text (its ``new_term``) are already in the new
        numbering; they are marked while the operations run and skipped here, and the marks
        are removed before this returns.
        """
        mapping = dict(amap)
        paras = self.paragraph_map()
        identity = all(a == b for a, b in amap) and not paras
        for a in self.reg.articles:
            for p in a.paragraphs:
                for u in _units_of(p):
                    if u.amended or identity:
                        u.text = _unmark(u.text)
                        continue
                    new, notes = _rewrite_outside_marks(u.text, mapping, paras)
                    if new != _unmark(u.text):
                        self.notes.append(
                            f"第{int_to_cn(a.number or 0)}条: cross-reference rewritten: {_unmark(u.text)} -> {new}"
                        )
                    u.text = new
                    for n in notes:
                        self.notes.append(f"第{int_to_cn(a.number or 0)}条: {n}")


_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use marks around text a decision wrote


#: Punctuation a deletion can leave doubled, and what it becomes (the stronger mark stays).
_DOUBLED = (
    ("、、", "、"),
    ("，，", "，"),
    ("；；", "；"),
    ("。。", "。"),
    ("，。", "。"),
    ("、。", "。"),
    ("；。", "。"),
    ("，；", "；"),
    ("、；", "；"),
    ("、，", "，"),
    ("：。", "。"),
)


def _tidy_list(new: str, old: str) -> str:
    """After a deletion, no doubled punctuation where the deleted words were.

    文化、卫生、民政 -> 文化、民政 (a list member); …工作。同级人民政府科学技术部门…指导。同级… with the
    sentence deleted without its 。 -> …工作。同级… (not 。。); a sentence deleted at the start of a unit
    leaves no leading mark. Only marks the deletion brought together are touched.
    """
    if new == old:
        return new
    for pair, single in _DOUBLED:
        if pair in new and pair not in old:
            new = new.replace(pair, single)
    marks = "，。；、："
    if new[:1] in marks and old[:1] not in marks:
        new = new[1:]
    return new


def _inside(parts: list[str], k: int) -> bool:
    """Whether ``parts[k]`` (of a split keeping the marks) lies between an open and a close mark."""
    depth = 0
    for part in parts[:k]:
        if part == _MARK_OPEN:
            depth += 1
        elif part == _MARK_CLOSE:
            depth = max(0, depth - 1)
    return depth > 0


def _written(term: str) -> str:
    """A decision's new term, marked so that reference rewriting leaves it alone."""
    return f"{_MARK_OPEN}{term}{_MARK_CLOSE}" if term else term


def _unmark(text: str) -> str:
    return text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")


def _rewrite_outside_marks(
    text: str, mapping: dict[int, int | None], paras: dict[tuple[int, int], int | None]
) -> tuple[str, list[str]]:
    """``rewrite_article_refs`` on the base text only; marked (decision-written) parts are kept as written."""
    if _MARK_OPEN not in text:
        return rewrite_article_refs(text, mapping, paras)
    out: list[str] = []
    notes: list[str] = []
    for k, part in enumerate(re.split(f"[{_MARK_OPEN}{_MARK_CLOSE}]", text)):
        if k % 2 == 1:
            out.append(part)
            continue
        new, n = rewrite_article_refs(part, mapping, paras)
        out.append(new)
        notes.extend(n)
    return "".join(out), notes


def _replace_folded(s: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` where they match exactly, else where they match width-folded.

    A term names base text: when it occurs outside the text this decision wrote (marked), only
    those occurrences change.
    """
    if _MARK_OPEN in s:
        parts = re.split(f"([{_MARK_OPEN}{_MARK_CLOSE}])", s)
        outside = [
            k for k, part in enumerate(parts) if part not in (_MARK_OPEN, _MARK_CLOSE) and _inside(parts, k) is False
        ]
        if any(old in parts[k] for k in outside):
            for k in outside:
                parts[k] = parts[k].replace(old, new)
            return "".join(parts)
    if old in s:
        return s.replace(old, new)
    fo = fold(old)
    if not fo:
        return s
    # Width-folding never changes lengths of these characters, so positions carry over.
    if len(s) == len(fold_keep(s)):
        fs = fold_keep(s)
        out, k = [], 0
        while True:
            j = fs.find(fold_keep(old), k)
            if j < 0:
                out.append(s[k:])
                return "".join(out)
            out.append(s[k:j])
            out.append(new)
            k = j + len(old)
    return s


def fold_keep(s: str) -> str:
    """Width-fold without dropping whitespace (same length for CJK text)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", c) if len(unicodedata.normalize("NFKC", c)) == 1 else c for c in s)


_REF = L.ARTICLE_REF
_PARA_REF = L.PARAGRAPH_REF
_CHAIN = L.REF_CHAIN
_EXTERNAL_TAIL = re.compile(r"(》|法|条例|规定|规则|细则|决定|办法|准则|纲要)$")


def rewrite_article_refs(
    text: str, mapping: dict[int, int | None], paragraphs: dict[tuple[int, int], int | None] | None = None
) -> tuple[str, list[str]]:
    """Rewrite 第X条 (and 第X条第Y款) references to this regulation's new numbers.

    A reference belongs to another instrument when the chain of references it sits in
    (第十条、第十二条第一款和第十三条) follows a title (《…》, …法, …条例) other than 本办法/
    本条例/本规定/本法. ``paragraphs`` maps (old article, old paragraph) to the new
    paragraph where paragraphs moved. Returns the new text and notes for references to
    deleted articles.
    """
    out: list[str] = []
    notes: list[str] = []
    k = 0
    for m in _REF.finditer(text):
        start = m.start()
        before = text[max(0, start - 80) : start]
        chain = _CHAIN.search(before)
        head = before[: chain.start()] if chain else before
        internal = True
        if _EXTERNAL_TAIL.search(head) and not re.search(r"本(办法|条例|规定|法|细则|规则|决定)$", head):
            internal = False
        if head.endswith(("前款", "上款")):
            internal = True
        n = cn_to_int(m.group(1))
        out.append(text[k:start])
        if internal and n in mapping:
            new = mapping[n]
            if new is None:
                notes.append(f"refers to deleted article {n}: {m.group(0)}")
                out.append(m.group(0))
            else:
                out.append(f"第{int_to_cn(new)}条")
                mp = _PARA_REF.match(text, m.end())
                if mp and paragraphs and (n, cn_to_int(mp.group(1))) in paragraphs:
                    new_p = paragraphs[(n, cn_to_int(mp.group(1)))]
                    out.append(f"第{int_to_cn(new_p)}款" if new_p else mp.group(0))
                    k = mp.end()
                    continue
        else:
            out.append(m.group(0))
        k = m.end()
    out.append(text[k:])
    return "".join(out), notes


def split_text(text: tuple[str, ...], count: int) -> list[tuple[str, ...]] | None:
    starts = [j for j, t in enumerate(text) if _ART_LABEL.match(t)]
    if len(starts) == count and starts and starts[0] == 0:
        bounds = [*starts, len(text)]
        parts = []
        for a, b in itertools.pairwise(bounds):
            first = _ART_LABEL.match(text[a])
            assert first is not None
            parts.append((first.group(2), *text[a + 1 : b]))
        return parts
    if len(text) == count:
        return [(t,) for t in text]
    return None


def apply(base: Regulation, ops: Sequence[Operation], *, general_clause: str | None = None) -> ApplyResult:
    """Apply ``ops`` (original numbering, printed order) to ``base``; return the new version.

    ``base`` is not modified. Raises ``InstructionError`` naming the instruction when a
    target does not exist or new numbers collide.
    """
    eng = _Engine(base)
    for op in ops:
        eng.apply(op)
    amap = eng.layout()
    eng.rewrite_references(amap)
    notes = [f"base text: {line}" for line in base.inferred] + list(eng.notes)
    if general_clause:
        notes.append(f"general clause (edits not spelled out may follow): {general_clause}")
    return ApplyResult(eng.reg, amap, notes, general_clause, eng.applied)


def apply_decision(
    base: Regulation, decision: Decision, *, valid_from: date | None = None, work: str | None = None
) -> ApplyResult:
    """Apply the instructions of ``decision`` that concern ``base``; return the new version.

    A decision amending several works (一、对《A》作出修改 … 二、对《B》作出修改) applies only the part
    of the work at hand, found by ``work`` or else by ``base``'s title (``same_title``: width, spaces
    and the 中华人民共和国 prefix aside); a decision naming one work applies all its instructions.
    An instruction that could not be read stops only its own work: one of another work's part is
    left alone. Raises ``InstructionError`` when the work is repealed, has no instruction, or one of
    its own instructions cannot be read or applied.
    """
    from gongbao.amend.grammar import same_title, title_key

    name = work or base.title
    for ins in decision.instructions:
        for op in ins.ops:
            if op.action == "repeal_regulation" and op.regulation and same_title(op.regulation, name):
                raise InstructionError(f"《{name}》 is repealed by this decision, not amended ({ins.raw.strip()[:60]})")
    titles = {t for t, _ in decision.regulations}
    single = len({title_key(t) for t in titles}) <= 1
    if not single and not name:
        raise InstructionError(
            "the decision amends several works ("
            + "、".join(f"《{t}》" for t, _ in decision.regulations)
            + ") and the base text has no title: name the work"
        )
    mine = [
        i
        for i in decision.instructions
        if (single and not any(o.action == "repeal_regulation" for o in i.ops))
        or (i.regulation is not None and same_title(i.regulation, name))
        or (i.regulation is None and single)
    ]
    mine = [i for i in mine if not any(o.action == "repeal_regulation" for o in i.ops)]
    if not mine:
        raise InstructionError(f"the decision has no instruction for 《{name}》")
    bad = [i for i in mine if i.error]
    if bad:
        i = bad[0]
        label = i.n if i.n is not None else i.part
        raise InstructionError(f"instruction {label}: {i.error}", where=f"line {i.line}")
    ops = [o for i in mine for o in i.ops]
    result = apply(base, ops, general_clause=decision.general_clause)
    result.valid_from = valid_from
    for line in decision.consequences():
        result.notes.append(f"catch-all: {line}")
    others = [i for i in decision.instructions if i not in mine and i.error]
    for i in others:
        label = i.n if i.n is not None else i.part
        result.notes.append(
            f"instruction {label} of 《{i.regulation or '?'}》 (another work) not read, left alone: {i.error}"
        )
    history = record_amendment(result.regulation.preface, decision, valid_from)
    if history is not None:
        result.regulation.preface = history
    return result


_HISTORY = re.compile(r"^[（(].*(公布|通过|发布)")  # bracketed; is_history_line also takes it unbracketed
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_ORDINAL = "一二三四五六七八九十"


def record_amendment(preface: list[str], decision: Decision, on: date | None) -> list[str] | None:
    """The preface with the history line （…公布　根据…修正） extended by this decision.

    A decision adopted at a meeting (（2013年10月25日第…次会议通过）) is cited as
    "根据<date and meeting>《关于修改〈X〉的决定》"; one issued by a government as
    "根据<date>《<full title>》". The amendment is counted: 修正 for the first, and
    第一次修正/第二次修正… once there are several. Returns None when there is no history
    line or nothing is known of the decision.
    """
    k = next((j for j, line in enumerate(preface) if _HISTORY.match(line) or is_history_line(line)), None)
    if k is None or not decision.title:
        return None
    k_line = k
    line = preface[k]
    close = line[-1] if line[-1] in "）)" else ""
    body = line[:-1] if close else line
    title = re.sub(r"\s+", "", decision.title).replace("《", "〈").replace("》", "〉")
    adopted = re.sub(r"\s+", "", decision.adopted or "").strip("（()）")
    if adopted.endswith("通过") and "会议" in adopted:
        issuer_free = title[title.index("关于") :] if "关于" in title else title
        cite = f"{adopted[: -len('通过')]}《{issuer_free}》"
    else:
        when = _DATE.search(adopted)
        day = when.group(0) if when else (f"{on.year}年{on.month}月{on.day}日" if on else "")
        cite = f"{day}《{title}》"
    count = len(re.findall(r"修正(?!案)", body))  # (a 修正案 cited in the line is no amendment step)
    tail = body[body.rfind("根据") :] if "根据" in body else ""
    if count == 1 and body.endswith("修正") and ("》、" in tail or "》和" in tail) and "次修正" not in body:
        # 根据…《A》、…《B》和…《C》修正 (the NPC's list of amending instruments, one 修正 for all):
        # the new one joins the list (…《B》、…《C》和<date and meeting>通过的《D》修正).
        if adopted.endswith("通过") and "会议" in adopted:
            cite = f"{adopted}的《{title}》"
        head = body[: -len("修正")]
        k = head.rfind("》和")
        if k >= 0 and k > body.rfind("根据"):
            head = head[: k + 1] + "、" + head[k + 2 :]
        return [*preface[:k_line], f"{head}和{cite}修正{close}", *preface[k_line + 1 :]]
    if count == 0:
        suffix = "修正"
    else:
        if count == 1 and "第一次修正" not in body:
            body = body.replace("修正", "第一次修正")
        suffix = f"第{_ORDINAL[count] if count < len(_ORDINAL) else count + 1}次修正"
    # The parts of a history line are set apart by a full-width space (…会议通过　根据…修正).
    sep = "" if body.endswith(("　", " ", "，", "；")) else "　"
    return [*preface[:k], f"{body}{sep}根据{cite}{suffix}{close}", *preface[k + 1 :]]


def apply_decision_text(base_text: str, decision_text: str, *, valid_from: date | None = None) -> ApplyResult:
    """``apply_decision`` on plain texts: one regulation and one decision."""
    return apply_decision(
        parse_regulation(base_text), parse_decision(decision_text, strict=False), valid_from=valid_from
    )
