"""UI strings: message key + language (ja/en) → text. Japanese is the default language."""
from __future__ import annotations

LANGS = ("ja", "en")
LANG_LABELS = {"ja": "日本語", "en": "English"}

# Modality codes of the event table and their names; the widget label shows both, so that a
# shared URL does not depend on the UI language.
MODALITY_NAMES = {
    "occurred": {"ja": "発生", "en": "occurred"},
    "planned": {"ja": "予定", "en": "planned"},
    "expected": {"ja": "見込み", "en": "expected"},
    "reported": {"ja": "報道", "en": "reported"},
    "denied": {"ja": "否定", "en": "denied"},
    "unknown": {"ja": "不明", "en": "unknown"},
}
KIND_NAMES = {
    "person": {"ja": "人物", "en": "person"},
    "country": {"ja": "国", "en": "country"},
    "organisation": {"ja": "組織", "en": "organisation"},
    "place": {"ja": "場所", "en": "place"},
}
DCT_SOURCE_NAMES = {
    "given": {"ja": "指定（メタデータ）", "en": "given (metadata)"},
    "text": {"ja": "本文中の日付", "en": "found in the text"},
    "inferred": {"ja": "内容から推定", "en": "inferred from the content"},
    "none": {"ja": "不明", "en": "unknown"},
}
ANCHOR_NAMES = {
    "explicit": {"ja": "明示的な日付", "en": "explicit date"},
    "dct": {"ja": "記事の日付から", "en": "from the article date"},
    "previous": {"ja": "直前の日付から", "en": "from the previous date"},
    "none": {"ja": "基準なし", "en": "no anchor"},
}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ja": "年表 nenpyo", "en": "nenpyo timeline"},
    "page_timeline": {"ja": "タイムライン", "en": "Timeline"},
    "page_actors": {"ja": "人物・組織", "en": "Actors"},
    "page_sources": {"ja": "記事", "en": "Sources"},
    "filters": {"ja": "絞り込み", "en": "Filters"},
    "language": {"ja": "言語 / Language", "en": "言語 / Language"},
    "actor": {"ja": "アクター", "en": "Actors"},
    "actor_help": {"ja": "選んだいずれかのアクターを含む出来事", "en": "Events naming any of the chosen actors"},
    "date": {"ja": "日付", "en": "Date"},
    "actor_placeholder": {"ja": "名前で検索（日本語・英語）", "en": "Search by name (Japanese or English)"},
    "date_from": {"ja": "開始日", "en": "From"},
    "date_to": {"ja": "終了日", "en": "To"},
    "docs": {"ja": "記事", "en": "Sources"},
    "modality": {"ja": "様態", "en": "Modality"},
    "search": {"ja": "本文検索", "en": "Search the text"},
    "search_placeholder": {"ja": "例: 会談", "en": "e.g. 会談"},
    "reset": {"ja": "絞り込みを解除", "en": "Clear filters"},
    "share": {"ja": "この表示へのリンク", "en": "Link to this view"},
    "share_help": {"ja": "右上のアイコンでコピー", "en": "Copy with the icon at the top right"},
    "n_events": {"ja": "{n} 件の出来事（全 {total} 件）", "en": "{n} of {total} events"},
    "selected_counts": {"ja": "選択中: {items}", "en": "Selected: {items}"},
    "lane_by": {"ja": "行", "en": "Lanes"},
    "lane_actor": {"ja": "アクター別", "en": "by actor"},
    "lane_doc": {"ja": "記事別", "en": "by source"},
    "color_by": {"ja": "色", "en": "Colour"},
    "color_modality": {"ja": "様態", "en": "modality"},
    "color_doc": {"ja": "記事", "en": "source"},
    "legend_hint": {
        "ja": "● 日付が日単位の出来事　▬ 幅のある日付（週・旬・月・年）は期間の棒。点または棒をクリックすると詳細を表示。",
        "en": "● events dated to the day　▬ imprecise dates (week, 10-day period, month, year) as bars over their interval. Click a point or bar for its detail.",
    },
    "dense_hint": {
        "ja": "{n} 件を高速表示（WebGL）しています。絞り込むと詳しいツールチップと期間の棒を表示します。",
        "en": "Showing {n} events in fast (WebGL) mode. Narrow the filters for full tooltips and interval bars.",
    },
    "undated": {"ja": "暦上の日付がない {n} 件は表にのみ表示", "en": "{n} events without a calendar date are listed in the table only"},
    "others": {"ja": "その他", "en": "others"},
    "no_actor": {"ja": "（アクターなし）", "en": "(no actor)"},
    "empty": {"ja": "条件に合う出来事がありません。", "en": "No events match the filters."},
    "empty_hint": {"ja": "次の条件を緩めてください: {items}", "en": "Loosen these filters: {items}"},
    "empty_data": {"ja": "データがありません。記事を読み込んでください。", "en": "No data yet: load some articles."},
    "event": {"ja": "選択中の出来事 ID", "en": "Selected event id"},
    "event_help": {"ja": "タイムラインの点や表の行を選ぶと入ります", "en": "Set by clicking the timeline or a table row"},
    "detail": {"ja": "出来事の詳細", "en": "Event detail"},
    "detail_none": {"ja": "タイムラインの点または表の行を選ぶと、文と段落を表示します。", "en": "Select a point on the timeline or a row in the table to see its sentence and paragraph."},
    "detail_missing": {"ja": "出来事 {id} は現在の絞り込みにありません。", "en": "Event {id} is not in the current view."},
    "sentence": {"ja": "文", "en": "Sentence"},
    "paragraph": {"ja": "段落", "en": "Paragraph"},
    "date_written": {"ja": "記述", "en": "as written"},
    "date_normalised": {"ja": "正規化", "en": "normalised"},
    "resolved_by": {"ja": "解決方法", "en": "resolved by"},
    "summary": {"ja": "要約", "en": "Summary"},
    "actors": {"ja": "アクター", "en": "Actors"},
    "source": {"ja": "出典", "en": "Source"},
    "cluster": {"ja": "同じ出来事を伝える他の記事（{n}）", "en": "Other reports of the same event ({n})"},
    "cluster_none": {"ja": "同じ出来事を伝える他の記事はありません。", "en": "No other source reports this event."},
    "open_source": {"ja": "記事の第{para}段落を開く", "en": "Open paragraph {para} of the source"},
    "table": {"ja": "出来事の一覧", "en": "Event table"},
    "table_truncated": {"ja": "先頭 {shown} 行を表示（全 {n} 行はダウンロードに含まれます）", "en": "Showing the first {shown} rows; downloads contain all {n}"},
    "download_csv": {"ja": "CSV", "en": "CSV"},
    "download_json": {"ja": "JSON", "en": "JSON"},
    "download_tljs": {"ja": "TimelineJS JSON", "en": "TimelineJS JSON"},
    "downloads": {"ja": "この表をダウンロード:", "en": "Download this table:"},
    "actors_title": {"ja": "人物・組織の一覧", "en": "All actors"},
    "kind": {"ja": "種類", "en": "Kind"},
    "aliases": {"ja": "表記", "en": "Aliases"},
    "count": {"ja": "件数", "en": "Events"},
    "first": {"ja": "最初", "en": "First"},
    "last": {"ja": "最後", "en": "Last"},
    "canonical": {"ja": "正規名", "en": "Canonical name"},
    "display": {"ja": "表示名", "en": "Japanese name"},
    "actors_pick": {"ja": "行を選ぶとその人物のタイムラインを開きます。", "en": "Choose a row to open the timeline filtered to that actor."},
    "open_timeline_for": {"ja": "{name} のタイムライン", "en": "Timeline of {name}"},
    "cooccurrence": {"ja": "共起（同じ文に登場する回数）", "en": "Co-occurrence (events naming both)"},
    "cooccurrence_none": {"ja": "共起する組み合わせはありません。", "en": "No two actors appear together."},
    "sources_title": {"ja": "記事", "en": "Sources"},
    "doc_date": {"ja": "記事の日付", "en": "Article date"},
    "doc_date_how": {"ja": "日付の根拠", "en": "How the date was found"},
    "confidence": {"ja": "確信度", "en": "Confidence"},
    "evidence": {"ja": "根拠", "en": "Evidence"},
    "events_in_doc": {"ja": "この記事の出来事", "en": "Events in this source"},
    "to_timeline": {"ja": "タイムラインで見る", "en": "Show on the timeline"},
    "no_text": {"ja": "この記事の本文は読み込まれていません（イベント表のみ）。", "en": "The text of this source is not loaded (event table only)."},
    "para_label": {"ja": "段落番号", "en": "Paragraph"},
    "sources_pick": {"ja": "サイドバーの「記事」で一つ選ぶと本文を表示します。", "en": "Choose one source in the sidebar to read its full text."},
    "warnings": {"ja": "読み込み時の警告", "en": "Loading warnings"},
    "legend_dates": {"ja": "日付表現", "en": "date expression"},
    "legend_actors": {"ja": "アクター", "en": "actor"},
    "untitled": {"ja": "（無題）", "en": "(untitled)"},
}


def t(key: str, lang: str, **fmt: object) -> str:
    """Text of a message key in a language; unknown keys show the key itself (never crash).

    >>> t("n_events", "ja", n=3, total=10)
    '3 件の出来事（全 10 件）'
    """
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["ja"]
    return text.format(**fmt) if fmt else text


def name_of(table: dict[str, dict[str, str]], code: str | None, lang: str) -> str:
    """Localised name of a code (modality, kind, …); unknown codes are shown as they are."""
    if code is None:
        return ""
    entry = table.get(code)
    return entry.get(lang, code) if entry else str(code)


def default_lang(locale: str | None) -> str:
    """The browser's language when we speak it, else Japanese: 'en-US' → 'en', 'fr' → 'ja'."""
    if not locale:
        return "ja"
    primary = str(locale).split("-")[0].split("_")[0].lower()
    return primary if primary in LANGS else "ja"
