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
    "override": {"ja": "手動で修正", "en": "corrected by hand"},
    "manifest": {"ja": "マニフェスト", "en": "manifest"},
    "given": {"ja": "指定（メタデータ）", "en": "given (metadata)"},
    "html-meta": {"ja": "ページのメタ情報", "en": "page metadata"},
    "text": {"ja": "本文中の日付", "en": "found in the text"},
    "inferred": {"ja": "内容から推定", "en": "inferred from the content"},
    "none": {"ja": "不明", "en": "unknown"},
}
ANCHOR_NAMES = {
    "explicit": {"ja": "明示的な日付", "en": "explicit date"},
    "dct": {"ja": "記事の日付から", "en": "from the article date"},
    "previous": {"ja": "直前の日付から", "en": "from the previous date"},
    "linked": {"ja": "関連する記述から", "en": "from a linked mention"},
    "none": {"ja": "基準なし", "en": "no anchor"},
}

STRINGS: dict[str, dict[str, str]] = {
    # ---- timeline figure
    "n_in_bin": {"ja": "{n} 件", "en": "{n} events"},
    "aggregated_hint": {
        "ja": "{n} 件は多すぎて一つずつ描けないため、{unit}ごとの件数で表示しています（濃いほど多い）。"
              "各行はそのアクター（記事）を含む出来事の数で、複数のアクターを含む出来事は各行に数えます。"
              "アクター・記事・期間（開始日／終了日）・本文検索で {limit} 件以下に絞ると、出来事を一つずつ表示します。",
        "en": "{n} events are too many to draw one by one, so the chart shows counts per {unit} (darker = more). "
              "Each row counts the events naming that actor (or source); an event naming two actors counts in both rows. "
              "Narrow the actors, sources, dates (From/To) or search to {limit} events or fewer to see individual events.",
    },
    "unit_D": {"ja": "日", "en": "day"},
    "unit_W": {"ja": "週", "en": "week"},
    "unit_M": {"ja": "月", "en": "month"},
    "unit_Q": {"ja": "四半期", "en": "quarter"},
    "unit_Y": {"ja": "年", "en": "year"},
    "window_hint": {
        "ja": "出来事の多い期間（{lo} 〜 {hi}）を表示中。全期間（{first} 〜 {last}）は「全期間を表示」ボタン"
              "（グラフが短いときは下のスライダーも）で。ダブルクリックでこの表示に戻ります。",
        "en": "Showing where most events are ({lo} – {hi}). For the full span ({first} – {last}) use “show all dates” "
              "(or, on a short chart, the slider under it); double-click returns to this view.",
    },
    "whole_span": {"ja": "全期間を表示", "en": "show all dates"},
    "no_timex": {"ja": "（この文に日付表現はありません）", "en": "(no date expression in this sentence)"},
    "date_from_linked": {
        "ja": "日付は同じ出来事を伝える別の記述「{text}」（{source} ¶{para}）から",
        "en": "date taken from another mention of the same event, “{text}” ({source} ¶{para})",
    },
    "date_from_previous": {
        "ja": "日付は直前の文の出来事から引き継ぎ",
        "en": "date carried over from the event in a preceding sentence",
    },
    "date_from_cluster": {
        "ja": "日付は同じ出来事を伝える別の記述から",
        "en": "date taken from another mention of the same event",
    },
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
    # corpus page
    "page_corpus": {"ja": "コーパス", "en": "Corpus"},
    "corpus_title": {"ja": "コーパス（記事の追加・修正）", "en": "Corpus: add and correct articles"},
    "corpus_needs_store": {
        "ja": "この表示はストアを使っていません（NENPYO_DASHBOARD_DATA={spec}）。記事の追加・修正には、この変数を外すか store にしてください。",
        "en": "This dashboard does not read the store (NENPYO_DASHBOARD_DATA={spec}). Unset it or set it to store to add and correct articles.",
    },
    "corpus_count": {"ja": "{n} 件の記事（{events} 件の出来事）。変更は全員の次の表示に反映されます。",
                     "en": "{n} articles ({events} events). Changes show up for everyone on their next view."},
    "add_articles": {"ja": "記事を追加", "en": "Add articles"},
    "tab_upload": {"ja": "ファイルをアップロード", "en": "Upload files"},
    "tab_paste": {"ja": "テキストを貼り付け", "en": "Paste text"},
    "upload_label": {"ja": ".txt / .html / .zip（manifest.csv も可）", "en": ".txt / .html / .zip (and an optional manifest.csv)"},
    "upload_help": {
        "ja": "文字コードは自動判定（UTF-8, Shift_JIS, EUC-JP）。manifest.csv の列: file, id, title, published。",
        "en": "Encodings are detected (UTF-8, Shift_JIS, EUC-JP). manifest.csv columns: file, id, title, published.",
    },
    "upload_button": {"ja": "追加する", "en": "Add"},
    "upload_none": {"ja": "ファイルを選んでください。", "en": "Choose some files first."},
    "paste_title": {"ja": "見出し", "en": "Title"},
    "paste_text": {"ja": "本文", "en": "Text"},
    "paste_button": {"ja": "この記事を追加", "en": "Add this article"},
    "paste_empty": {"ja": "本文を入力してください。", "en": "Enter the article text."},
    "field_source": {"ja": "媒体・出典", "en": "Source (outlet)"},
    "field_url": {"ja": "URL", "en": "URL"},
    "field_date": {"ja": "掲載日（空欄なら本文から推定）", "en": "Publication date (empty: found in the text)"},
    "date_placeholder": {"ja": "例: 2023年9月5日、令和5年9月5日、2023/9/5", "en": "e.g. 2023-09-05, 5 September 2023, 令和5年9月5日"},
    "date_parsed": {"ja": "→ {date} として保存します", "en": "→ will be saved as {date}"},
    "date_invalid": {"ja": "日付として読めません: {error}", "en": "Not a date: {error}"},
    "msg_added": {"ja": "追加: {id} ← {name}", "en": "Added {id} ← {name}"},
    "msg_skipped": {"ja": "スキップ: {text}", "en": "Skipped: {text}"},
    "msg_warning": {"ja": "注意: {text}", "en": "Note: {text}"},
    "documents": {"ja": "記事の一覧", "en": "Documents"},
    "col_id": {"ja": "ID", "en": "ID"},
    "col_title": {"ja": "見出し", "en": "Title"},
    "col_how": {"ja": "日付の根拠", "en": "Date set by"},
    "col_events": {"ja": "出来事", "en": "Events"},
    "pick_doc": {"ja": "修正する記事", "en": "Document to edit"},
    "pick_doc_help": {"ja": "表の行を選んでも切り替わります", "en": "Choosing a row in the table also picks it"},
    "edit_doc": {"ja": "記事 {id} を修正", "en": "Edit document {id}"},
    "current_date": {"ja": "現在の掲載日: {date}（{how}、確信度 {conf}）", "en": "Current date: {date} ({how}, confidence {conf})"},
    "new_date": {"ja": "掲載日を修正", "en": "Correct the publication date"},
    "save": {"ja": "保存", "en": "Save"},
    "saved": {"ja": "{id} を保存しました。", "en": "Saved {id}."},
    "nothing_changed": {"ja": "変更はありません。", "en": "Nothing changed."},
    "clear_override": {"ja": "手動の日付を取り消す", "en": "Drop the hand-set date"},
    "override_cleared": {"ja": "{id} の手動の日付を取り消しました。", "en": "Dropped the hand-set date of {id}."},
    "date_saved": {"ja": "{id} の掲載日を {date} にしました。出来事の日付を再計算しました。",
                   "en": "Set the date of {id} to {date}; its events were re-dated."},
    "remove": {"ja": "この記事を削除", "en": "Remove this document"},
    "remove_confirm": {"ja": "「{title}」（{id}）を削除します。元に戻せません。よろしいですか？",
                       "en": "Remove “{title}” ({id})? This cannot be undone."},
    "remove_yes": {"ja": "削除する", "en": "Yes, remove"},
    "cancel": {"ja": "キャンセル", "en": "Cancel"},
    "removed": {"ja": "{id} を削除しました。", "en": "Removed {id}."},
    "original_download": {"ja": "元のファイル", "en": "Original file"},
    "no_documents": {"ja": "記事がありません。上から追加してください。", "en": "No documents yet: add some above."},
    "store_error": {"ja": "保存できませんでした: {error}", "en": "Could not save: {error}"},
    "override_box": {"ja": "掲載日を修正する", "en": "Correct this article's date"},
    # access
    "edit_locked": {"ja": "記事の追加・修正にはサインインが必要です。", "en": "Sign in to add or correct articles."},
    "edit_password": {"ja": "編集用パスワード", "en": "Editing password"},
    "read_password": {"ja": "閲覧用パスワード", "en": "Password"},
    "unlock_editing": {"ja": "編集を有効にする", "en": "Unlock editing"},
    "lock_editing": {"ja": "編集を終了（ロック）", "en": "Lock editing"},
    "wrong_password": {"ja": "パスワードが違います。", "en": "Wrong password."},
    "sign_in": {"ja": "サインイン", "en": "Sign in"},
    "sign_out": {"ja": "サインアウト", "en": "Sign out"},
    "signed_in_as": {"ja": "{who} としてサインイン中", "en": "Signed in as {who}"},
    "not_an_editor": {"ja": "このアカウントには編集権限がありません。", "en": "This account may not edit."},
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
