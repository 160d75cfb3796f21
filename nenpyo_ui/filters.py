"""Filter stage: event table + Filters (what the sidebar/URL says) → the matching rows.

Widget labels double as URL values (Streamlit writes a bound widget's *formatted* option to the
query string), so every label here is stable: it never contains counts or depends on the UI
language. Labels are parsed back to ids with the *_from_label helpers.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from .data import ANAPHOR, search_key
from .i18n import MODALITY_NAMES

MAX_QUERY_CHARS = 200
MAX_TITLE_IN_LABEL = 18


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()  # canonical names (any of them)
    date_from: date | None = None
    date_to: date | None = None
    docs: tuple[str, ...] = ()  # doc ids
    modalities: tuple[str, ...] = ()
    query: str = ""

    @property
    def active(self) -> tuple[str, ...]:
        """Names of the filters that restrict the view (for the empty-state hint)."""
        names = []
        if self.actors:
            names.append("actor")
        if self.date_from or self.date_to:
            names.append("date")
        if self.docs:
            names.append("doc")
        if self.modalities:
            names.append("mod")
        if self.query.strip():
            names.append("q")
        return tuple(names)


# ---------------------------------------------------------------- labels ⇄ ids

def actor_label(canonical: str, display: str | None) -> str:
    """'Sergei Shoigu' + 'セルゲイ・ショイグ' → 'Sergei Shoigu（セルゲイ・ショイグ）'."""
    if not display or display == canonical:
        return canonical
    return f"{canonical}（{display}）"


def actor_from_label(label: str) -> str:
    return label.split("（", 1)[0] if label.endswith("）") else label


def doc_label(doc_id: str, title: str | None) -> str:
    """'000' + 'プーチン大統領、ウラジオストクで金氏と会談' → '000（プーチン大統領、ウラジオストクで金…）'."""
    title = (title or "").strip().replace("（", "(").replace("）", ")")
    if not title or title == doc_id:
        return doc_id
    if len(title) > MAX_TITLE_IN_LABEL:
        title = title[:MAX_TITLE_IN_LABEL].rstrip() + "…"
    return f"{doc_id}（{title}）"


def doc_from_label(label: str) -> str:
    return label.split("（", 1)[0] if label.endswith("）") else label


def modality_label(code: str) -> str:
    """'planned' → 'planned（予定）' (both languages, so URLs do not depend on the UI language)."""
    ja = MODALITY_NAMES.get(code, {}).get("ja")
    return f"{code}（{ja}）" if ja and ja != code else code


def modality_from_label(label: str) -> str:
    return label.split("（", 1)[0]


def _label_parts(label: str) -> tuple[str, str]:
    """'Sergei Shoigu（ショイグ）' → ('Sergei Shoigu', 'ショイグ'); a label without （…） → (label, '')."""
    if label.endswith("）") and "（" in label:
        head, tail = label.split("（", 1)
        return head, tail[:-1]
    return label, ""


def match_options(values, options) -> list[str]:
    """Values from a URL → the widget's option labels they mean, in order, without repeats;
    unknown values are dropped. A value may be the label itself (what the widget writes), the
    id before the bracket (a canonical actor name, a doc id, a modality code: what a person
    types, ?actor=Sergei+Shoigu) or the name inside it (?actor=ショイグ); comparison ignores
    case and full/half width (ＮＡＴＯ = nato).

    >>> match_options(["sergei shoigu", "planned"], ["Sergei Shoigu（ショイグ）", "planned（予定）"])
    ['Sergei Shoigu（ショイグ）', 'planned（予定）']
    """
    options = [str(o) for o in options]
    exact = set(options)
    by_key: dict[str, str] = {}
    for rank in (0, 1, 2):  # label, then id part, then display part (earlier kinds win)
        for label in options:
            head, inner = _label_parts(label)
            key = search_key((label, head, inner)[rank]).strip()
            if key:
                by_key.setdefault(key, label)
    out: list[str] = []
    for value in values or ():
        value = str(value)[:MAX_QUERY_CHARS]
        label = value if value in exact else by_key.get(search_key(value).strip())
        if label is not None and label not in out:
            out.append(label)
    return out


def shown_aliases(aliases) -> list[str]:
    """An actor's aliases as the actors page lists them: anaphora (同氏, 両国, 同国…) left out.

    >>> shown_aliases(["金正恩", "金委員長", "同氏", "両氏", "キム"])
    ['金正恩', '金委員長', 'キム']
    """
    return [a for a in dict.fromkeys(str(x) for x in aliases or ()) if a and not ANAPHOR.match(a)]


# ---------------------------------------------------------------- filtering

def _as_date(value: object) -> date | None:
    """A widget/URL value → date, or None when it is not a sensible date (never raises)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        parsed = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return parsed if 1 <= parsed.year <= 9999 else None


def make_filters(actors=(), date_from=None, date_to=None, docs=(), modalities=(), query="") -> Filters:
    """Raw widget values (labels, dates, text) → a clean Filters; bad values become 'no filter'."""
    d_from, d_to = _as_date(date_from), _as_date(date_to)
    if d_from and d_to and d_from > d_to:
        d_from, d_to = d_to, d_from
    return Filters(
        actors=tuple(dict.fromkeys(actor_from_label(str(a)) for a in (actors or ()))),
        date_from=d_from,
        date_to=d_to,
        docs=tuple(dict.fromkeys(doc_from_label(str(d)) for d in (docs or ()))),
        modalities=tuple(dict.fromkeys(modality_from_label(str(m)) for m in (modalities or ()))),
        query=str(query or "")[:MAX_QUERY_CHARS],
    )


def _masks(df: pd.DataFrame, f: Filters) -> dict[str, np.ndarray]:
    masks: dict[str, np.ndarray] = {}
    if f.actors:
        wanted = set(f.actors)
        masks["actor"] = np.fromiter((not wanted.isdisjoint(a) for a in df["actors"]), bool, len(df))
    if f.date_from or f.date_to:
        m = df["start"].notna().to_numpy().copy()
        if f.date_from:
            m = m & (df["end"] >= pd.Timestamp(f.date_from)).to_numpy()
        if f.date_to:
            m = m & (df["start"] <= pd.Timestamp(f.date_to)).to_numpy()
        masks["date"] = m
    if f.docs:
        masks["doc"] = df["doc_id"].isin(f.docs).to_numpy()
    if f.modalities:
        masks["mod"] = df["modality"].isin(f.modalities).to_numpy()
    terms = search_key(f.query).split()
    if terms:
        m = np.ones(len(df), bool)
        for term in terms:  # every word must occur (AND), like a search box
            m = m & df["search"].str.contains(term, regex=False).to_numpy()
        masks["q"] = m
    return masks


def apply_filters(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows matching every active filter; date filters keep events whose interval overlaps.

    Filters(actors=("Sergei Shoigu",)) keeps the rows whose actors include Sergei Shoigu.
    """
    masks = _masks(df, f)
    if not masks:
        return df
    keep = np.logical_and.reduce(list(masks.values()))
    return df[keep]


def loosen_hint(df: pd.DataFrame, f: Filters) -> list[str]:
    """When nothing matches: the filters whose removal alone would bring events back
    (or every active filter when no single one does)."""
    masks = _masks(df, f)
    if not masks:
        return []
    helpful = []
    for name in masks:
        others = [m for k, m in masks.items() if k != name]
        if not others or np.logical_and.reduce(others).any():
            helpful.append(name)
    return helpful or list(masks)


def actor_counts(df: pd.DataFrame) -> Counter:
    """Number of events naming each actor."""
    return Counter(a for tup in df["actors"] for a in tup)


def cooccurrence(df: pd.DataFrame, actors: list[str] | None = None) -> pd.DataFrame:
    """Square table: how many events name both actors (diagonal: events naming the actor)."""
    names = actors or sorted(actor_counts(df))
    index = {n: i for i, n in enumerate(names)}
    mat = np.zeros((len(names), len(names)), dtype=int)
    for tup in df["actors"]:
        ids = sorted({index[a] for a in tup if a in index})
        for i in ids:
            for j in ids:
                mat[i, j] += 1
    return pd.DataFrame(mat, index=names, columns=names)


def actor_summary(df: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: events, first and last date."""
    if df.empty:
        return pd.DataFrame(columns=["actor", "count", "first", "last"])
    ex = df[["actors", "start", "end"]].explode("actors").dropna(subset=["actors"])
    g = ex.groupby("actors")
    out = pd.DataFrame({"count": g.size(), "first": g["start"].min(), "last": g["end"].max()})
    return out.rename_axis("actor").reset_index().sort_values(["count", "actor"], ascending=[False, True])
