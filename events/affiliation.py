"""Affiliation data for the events stage: canonical actor → the country it belongs to, and surname →
person, read from the actor gazetteer (events/data/actors_people.tsv, actors_organisations.tsv).

Used to match who makes a statement: 「ワトソン報道官は月曜日に語った」 (Adrienne Watson, of the
United States) and 「米国が月曜日に発表した」 (United States) may report one statement, while two
different named people of one country never count as the same speaker."""
from __future__ import annotations

from functools import lru_cache

from .actors import DATA_DIR


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([cell.strip() for cell in line.split("\t")])
    return out


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Person or organisation canonical name → its country's canonical name (rows that give one)."""
    out: dict[str, str] = {}
    for name in ("actors_people.tsv", "actors_organisations.tsv"):
        for row in _rows(name):
            country = _cell(row, 3)
            if row and row[0] and country:
                out[row[0]] = country
    return out


@lru_cache(maxsize=1)
def _surnames() -> dict[str, tuple[str, ...]]:
    """Surname as written in Japanese (ワトソン) → the people who bear it in the gazetteer."""
    out: dict[str, list[str]] = {}
    for row in _rows("actors_people.tsv"):
        surname = _cell(row, 4)
        if row and row[0] and surname:
            out.setdefault(surname, []).append(row[0])
    return {k: tuple(v) for k, v in out.items()}


def country_of(canonical: str) -> str | None:
    """"Adrienne Watson" → "United States"; a country or an unknown name → None."""
    return _countries().get(canonical)


def people_with_surname(surname: str) -> tuple[str, ...]:
    """ワトソン → ("Adrienne Watson",); unknown → ()."""
    return _surnames().get(surname, ())


def speaker_match(a: tuple, b: tuple) -> int:
    """How surely two speakers, (canonical, kind, bodies) each, are one source of a statement.

    2: the same person or body, or a person and the body the article introduces them with (クレムリンの
    ペスコフ報道官 / クレムリン); 1: one country, or a country and someone or something that belongs
    to it (米国 / ワトソン報道官, ロシア / クレムリン); 0: two speakers (two people, two bodies, two
    countries)."""
    name_a, kind_a, bodies_a = a
    name_b, kind_b, bodies_b = b
    if name_a == name_b:
        return 1 if kind_a == "country" else 2  # 「米国は」 twice: one government, many statements
    if (kind_a == "person" and kind_b == "organisation" and name_b in bodies_a) or \
            (kind_b == "person" and kind_a == "organisation" and name_a in bodies_b):
        return 2
    if kind_a == "country" and kind_b != "country":
        return 1 if name_a in _countries_of(name_b, bodies_b) else 0
    if kind_b == "country" and kind_a != "country":
        return 1 if name_b in _countries_of(name_a, bodies_a) else 0
    return 0


def _countries_of(name: str, bodies: tuple[str, ...]) -> set[str]:
    out = {c for c in (country_of(name), *(country_of(x) for x in bodies)) if c}
    return out | set(bodies)  # a body may itself be a country (ロシアのショイグ国防相)
