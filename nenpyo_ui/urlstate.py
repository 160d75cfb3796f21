"""URL state: current query parameters → a shareable URL, and safe parsing of untrusted values.

Widgets sync themselves with the query string (`bind="query-params"`); this module only adds
what Streamlit does not: the full link for "copy link to this view" (st.context.url has no query
string) and the parameters to carry when moving to another page.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

# The keys of DESIGN.md, in the order they appear in a shared URL.
URL_KEYS = ("lang", "actor", "from", "to", "doc", "mod", "q", "event", "para")
MAX_PARAM_CHARS = 300


def share_url(base_url: str | None, params: dict[str, list[str]]) -> str:
    """Page URL without query + {key: values} → URL with the non-empty values, keys in a fixed
    order, repeated keys for multiple values.

    >>> share_url("http://h/timeline", {"actor": ["Sergei Shoigu"], "q": [""]})
    'http://h/timeline?actor=Sergei+Shoigu'
    """
    base = base_url or ""
    parts = urlsplit(base)
    pairs = []
    ordered = [k for k in URL_KEYS if k in params] + sorted(k for k in params if k not in URL_KEYS)
    for key in ordered:
        for value in params[key]:
            if value is not None and str(value) != "":
                pairs.append((key, str(value)[:MAX_PARAM_CHARS]))
    query = urlencode(pairs)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def parse_para(value: object, n_paragraphs: int) -> int | None:
    """`para` from the URL (1-based, as shown) → 0-based paragraph index, or None if invalid.

    >>> parse_para("3", 10), parse_para("999999999999", 10), parse_para("x", 10)
    (2, None, None)
    """
    try:
        number = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return None
    return number - 1 if 1 <= number <= n_paragraphs else None


def para_param(para_index: int) -> str:
    """0-based paragraph index → the 1-based number shown on the page and used in URLs."""
    return str(int(para_index) + 1)


def anchor_id(doc_id: str, para_index: int) -> str:
    """HTML id of a paragraph on the sources page (doc ids may hold any character)."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in str(doc_id))
    return f"nenpyo-{safe}-p{int(para_index) + 1}"
