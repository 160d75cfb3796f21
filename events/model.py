"""Data passed between stages: frozen dataclasses whose spans always point into the raw text."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """One article as read from disk or the store."""

    id: str
    text: str
    title: str = ""
    published: date | None = None  # given by the caller or a manifest; None = find it
    source: str = ""  # file path or outlet name
    url: str = ""


@dataclass(frozen=True)
class Paragraph:
    index: int  # 0-based, counting non-empty lines
    start: int
    end: int  # exclusive, without the newline


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive; includes the closing 。 if any
    para_index: int


@dataclass(frozen=True)
class Timex:
    """A temporal expression with its TIMEX3 value (see TIMEX.md) and calendar interval."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None
    anchor: str = "explicit"  # explicit, dct, previous, none
    date_start: date | None = None  # first day the value covers (None: not on the calendar)
    date_end: date | None = None  # last day covered
    granularity: str | None = None  # day, week, month, quarter, season, half, year, decade, century
    points_to: str | None = None  # for 3日前 / 1週間後: the DATE value it points to, when anchored
    rule: str = ""  # name of the pattern-table row that recognised it

    def as_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
        }

    @property
    def on_calendar(self) -> bool:
        return self.date_start is not None


@dataclass(frozen=True)
class DocumentDate:
    """The document's creation date and how it was found."""

    value: date | None
    source: str  # given, text, inferred, none
    confidence: float  # 0..1
    evidence: str = ""


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    canonical: str  # English canonical name, e.g. "Kim Jong Un"
    display: str  # Japanese display name, e.g. "金正恩"
    kind: str  # person, country, organisation, place


@dataclass(frozen=True)
class Actor:
    canonical: str
    display: str
    kind: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
