"""Works and their dated versions (plain dataclasses; the store persists them).

A ``Work`` is a regulation as a lasting thing (聊城市燃气管理办法, first made by
聊城市人民政府令第32号); each ``Version`` is its text as made by one instrument and in
force from ``valid_from`` until the next version's ``valid_from`` (``valid_to``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongbao.amend.regtext import Regulation, render

__all__ = ["Version", "Work"]


@dataclass(slots=True)
class Version:
    """One version of a work: the text, the instrument that made it and when it applies.

    ``made_by`` is the instrument as printed (a 文号 such as 聊城市人民政府令第48号, or a
    decision's title); ``article_map`` maps the previous version's articles to this one's
    (empty for the first version); ``notes`` carry what a reader must know (the general
    clause, inferred facts, references to deleted articles).
    """

    made_by: str
    valid_from: date | None
    text: str
    valid_to: date | None = None
    article_map: list[tuple[int, int | None]] = field(default_factory=list)
    general_clause: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "made_by": self.made_by,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "article_map": [[a, b] for a, b in self.article_map],
            "general_clause": self.general_clause,
            "notes": list(self.notes),
            "text": self.text,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Version:
        return cls(
            made_by=d["made_by"],
            valid_from=date.fromisoformat(d["valid_from"]) if d.get("valid_from") else None,
            valid_to=date.fromisoformat(d["valid_to"]) if d.get("valid_to") else None,
            text=d["text"],
            article_map=[(a, b) for a, b in d.get("article_map", [])],
            general_clause=d.get("general_clause"),
            notes=list(d.get("notes", [])),
        )


@dataclass(slots=True)
class Work:
    """A regulation with its versions, oldest first.

    ``doc_number`` is the 文号 of the order that first made it (聊城市人民政府令第32号).
    ``add`` keeps versions ordered by ``valid_from`` and closes the previous one.
    """

    title: str
    doc_number: str | None = None
    versions: list[Version] = field(default_factory=list)

    def add(self, version: Version) -> Version:
        """Append a version; the previous one becomes valid until the day the new one starts."""
        self.versions.append(version)
        self.versions.sort(key=lambda v: (v.valid_from is None, v.valid_from or date.min))
        for prev, nxt in zip(self.versions, self.versions[1:], strict=False):
            if nxt.valid_from is not None:
                prev.valid_to = nxt.valid_from
        return version

    def add_regulation(self, reg: Regulation, made_by: str, valid_from: date | None, **kw: Any) -> Version:
        """Add a version from a parsed regulation (rendered to text)."""
        return self.add(Version(made_by, valid_from, render(reg), **kw))

    def as_of(self, day: date) -> Version | None:
        """The version in force on ``day`` (None before the first one)."""
        current = None
        for v in self.versions:
            if v.valid_from is None or v.valid_from <= day:
                current = v
        return current

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "doc_number": self.doc_number, "versions": [v.to_json() for v in self.versions]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Work:
        return cls(d["title"], d.get("doc_number"), [Version.from_json(v) for v in d.get("versions", [])])
