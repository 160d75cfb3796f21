"""The Corpus page (AppTest) and its pure helpers: upload Shift_JIS text and an HTML page, paste
an article, correct a date and watch its events move, remove a document, the password gates.
Every test has its own store in a temporary NENPYO_DATA_DIR; ./.nenpyo is never written."""
from datetime import date
from pathlib import Path

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from events.ingest import Message
from nenpyo_ui.corpus_view import changed_fields, date_preview, document_table, message_notes
from nenpyo_ui.data import SourceDoc

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")
CORPUS = "app_pages/corpus.py"

SJIS_TEXT = ("東京電力は2024年3月12日、福島第一原子力発電所の処理水の海洋放出を再開すると発表した。\n\n"
             "同社によると、放出は15日に始まり、約2週間続く見通しだ。")
HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>気象庁、関東甲信の梅雨明けを発表 &lt;b&gt;速報&lt;/b&gt;</title>
<meta property="article:published_time" content="2024-07-06T10:00:00+09:00">
<script>document.title = "pwned"; alert("x")</script></head>
<body><nav>ホーム | 天気 | 地震</nav>
<article><h1>気象庁、関東甲信の梅雨明けを発表</h1>
<p>気象庁は5日、関東甲信地方が梅雨明けしたとみられると発表した。</p>
<p>平年より14日早く、記録的な暑さが続く見込みだ。<img src=x onerror="alert(1)"></p></article>
<footer>© 新聞社</footer></body></html>"""


@pytest.fixture(autouse=True)
def private_store(monkeypatch, tmp_path):
    monkeypatch.setenv("NENPYO_DATA_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("NENPYO_DASHBOARD_DATA", raising=False)
    monkeypatch.delenv("NENPYO_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("NENPYO_READ_PASSWORD", raising=False)
    return tmp_path / "store"


def open_page(page=CORPUS, params=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(elements) -> str:
    """Element texts without the Markdown escapes the page adds to untrusted text."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in elements))


def notes(at) -> str:
    return plain((*at.success, *at.error, *at.warning, *at.info))


def captions(at) -> str:
    return plain(at.caption)


def html_blocks(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def store_events(doc_id):
    from nenpyo_ui.data import load_dataset
    ev = load_dataset().events
    return ev[ev["doc_id"] == doc_id]


def upload(at, files):
    at.file_uploader(key="corpus_upload_0").set_value(files)
    at.button(key="upload_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---------------------------------------------------------------- the page


def test_upload_shift_jis_and_html_then_see_them_everywhere():
    at = open_page()
    upload(at, [("処理水.txt", SJIS_TEXT.encode("shift_jis"), "text/plain"),
                ("tsuyu.html", HTML_PAGE.encode("utf-8"), "text/html")])
    text = notes(at)
    assert "処理水.txt" in text and "tsuyu" in text and "追加" in text
    table = at.dataframe[0].value
    row = table[table["ID"] == "tsuyu"].iloc[0]
    assert row["記事の日付"] == "2024-07-06" and row["日付の根拠"] == "ページのメタ情報"
    assert row["見出し"] == "気象庁、関東甲信の梅雨明けを発表 <b>速報</b>"  # a cell shows it as text
    sjis_id = re.search(r"(\S+) ← 処理水\.txt", text).group(1)
    assert table.set_index("ID").loc[sjis_id, "出来事"] >= 2

    # the timeline shows their events on their dates
    ev = store_events(sjis_id)
    assert {"2024-03-12", "2024-03-15"} <= set(ev["value"])
    assert set(store_events("tsuyu")["value"]) == {"2024-07-05"}
    tl = open_page("app_pages/timeline.py", {"q": "梅雨明け"})
    assert "1 件の出来事" in captions(tl)
    assert "2024-07-05" in tl.dataframe[0].value.iloc[:, 0].tolist()

    # the sources page shows the page's text, never its script, and the title as text
    src = open_page("app_pages/sources.py", {"doc": next(o for o in tl.multiselect(key="doc").options
                                                     if o.startswith("tsuyu"))})
    blocks = html_blocks(src)
    assert "梅雨明け" in blocks and "alert" not in blocks and "onerror" not in blocks and "<b>速報" not in blocks
    assert "梅雨明けを発表" in plain(src.subheader)


def test_bad_files_get_a_message_each_and_the_rest_is_added():
    at = open_page()
    upload(at, [("empty.txt", b"", "text/plain"), ("table.csv", b"a,b\n1,2\n", "text/csv"),
                ("binary.txt", bytes(range(256)) * 20, "text/plain"),
                ("ok.txt", "日本銀行は2024年3月19日、マイナス金利政策の解除を決めた。".encode("utf-8"), "text/plain")])
    errors = plain(at.error)
    assert "empty.txt" in errors and "table.csv" in errors and "binary.txt" in errors
    assert "ok" in plain(at.success)
    assert "ok" in at.dataframe[0].value["ID"].tolist()


def test_duplicate_upload_is_skipped_with_the_id_it_duplicates():
    at = open_page()
    data = "日本銀行は2024年3月19日、マイナス金利政策の解除を決めた。".encode("utf-8")
    upload(at, [("boj.txt", data, "text/plain")])
    at.file_uploader(key="corpus_upload_1").set_value([("copy.txt", data, "text/plain")])
    at.button(key="upload_add").click().run()
    assert "duplicate of document boj" in plain(at.error)


def test_paste_an_article_with_a_date_preview():
    at = open_page()
    at.text_input(key="paste_title").set_value("<i>日銀</i>、利上げ")
    at.text_area(key="paste_text").set_value("日本銀行は19日、マイナス金利政策の解除を決めた。")
    at.text_input(key="paste_date").set_value("令和6年3月19日").run()
    assert "→ 2024-03-19 として保存します" in captions(at)
    at.button(key="paste_add").click().run()
    assert not at.exception
    assert "追加" in plain(at.success)
    assert at.text_area(key="paste_text").value == ""  # cleared for the next one
    table = at.dataframe[0].value
    row = table[table["見出し"] == "<i>日銀</i>、利上げ"].iloc[0]
    assert row["記事の日付"] == "2024-03-19" and row["日付の根拠"] == "指定（メタデータ）"
    assert set(store_events(row["ID"])["value"]) == {"2024-03-19"}


def test_a_malformed_date_disables_adding_and_says_why():
    at = open_page()
    at.text_area(key="paste_text").set_value("日本銀行は19日、決めた。")
    at.text_input(key="paste_date").set_value("2023-02-30").run()
    assert "has no day 30" in captions(at)
    assert at.button(key="paste_add").disabled


def test_correct_a_date_and_the_events_move():
    at = open_page()
    upload(at, [("tsuyu.html", HTML_PAGE.encode("utf-8"), "text/html")])
    assert set(store_events("tsuyu")["value"]) == {"2024-07-05"}
    at.selectbox(key="corpus_doc").set_value("tsuyu").run()
    date_box = next(w for w in at.text_input if w.key.startswith("ed_date_tsuyu"))
    date_box.set_value("2024年8月20日").run()
    assert "→ 2024-08-20 として保存します" in captions(at)
    next(b for b in at.button if b.key.startswith("save_tsuyu")).click().run()
    assert not at.exception
    assert "2024-08-20" in plain(at.success)
    assert set(store_events("tsuyu")["value"]) == {"2024-08-05"}  # 「5日」 now resolves in August
    row = at.dataframe[0].value.set_index("ID").loc["tsuyu"]
    assert row["記事の日付"] == "2024-08-20" and row["日付の根拠"] == "手動で修正"
    # the timeline of the next run shows it in August
    tl = open_page("app_pages/timeline.py", {"q": "梅雨明け"})
    assert tl.dataframe[0].value.iloc[0, 0] == "2024-08-05"
    # dropping the correction brings the page's date back
    next(b for b in at.button if b.key.startswith("clear_tsuyu")).click().run()
    assert set(store_events("tsuyu")["value"]) == {"2024-07-05"}


def test_edit_title_source_and_url():
    at = open_page()
    at.selectbox(key="corpus_doc").set_value("001").run()
    next(w for w in at.text_input if w.key.startswith("ed_title_001")).set_value("新しい見出し <script>")
    next(w for w in at.text_input if w.key.startswith("ed_source_001")).set_value("BBC")
    next(w for w in at.text_input if w.key.startswith("ed_url_001")).set_value("https://example.org/a")
    next(b for b in at.button if b.key.startswith("save_001")).click().run()
    row = at.dataframe[0].value.set_index("ID").loc["001"]
    assert (row["見出し"], row["媒体・出典"], row["URL"]) == ("新しい見出し <script>", "BBC", "https://example.org/a")
    next(w for w in at.text_input if w.key.startswith("ed_url_001")).set_value("javascript:alert(1)")
    next(b for b in at.button if b.key.startswith("save_001")).click().run()
    assert "not an http(s) URL" in plain(at.error)


def test_remove_asks_for_confirmation():
    at = open_page()
    at.selectbox(key="corpus_doc").set_value("002").run()
    next(b for b in at.button if b.key.startswith("remove_002")).click().run()
    assert "削除します" in plain(at.warning)
    assert "002" in at.dataframe[0].value["ID"].tolist()  # not yet
    next(b for b in at.button if b.key.startswith("remove_no_002")).click().run()
    assert not at.warning and "002" in at.dataframe[0].value["ID"].tolist()
    next(b for b in at.button if b.key.startswith("remove_002")).click().run()
    next(b for b in at.button if b.key.startswith("remove_yes_002")).click().run()
    assert not at.exception
    assert "002" not in at.dataframe[0].value["ID"].tolist()
    assert store_events("002").empty
    tl = open_page("app_pages/timeline.py")
    assert not any(o.startswith("002") for o in tl.multiselect(key="doc").options)


def test_sources_page_date_override():
    at = open_page("app_pages/sources.py", {"doc": "003"})
    at = open_page("app_pages/sources.py", {"doc": next(o for o in at.multiselect(key="doc").options
                                                    if o.startswith("003"))})
    box = next(w for w in at.text_input if w.key.startswith("src_date_003"))
    box.set_value("2019/4/20").run()
    assert "→ 2019-04-20" in captions(at)
    at.button(key="src_save_003").click().run()
    assert not at.exception
    assert "2019-04-20" in plain(at.success)
    assert "手動で修正" in plain(at.markdown)


def test_edit_password_gate(monkeypatch):
    monkeypatch.setenv("NENPYO_EDIT_PASSWORD", "合言葉")
    at = open_page()
    assert not at.get("file_uploader") and not any(b.key == "paste_add" for b in at.button)
    assert len(at.dataframe) == 1  # reading stays open
    at.text_input(key="edit_password_input").set_value("wrong")
    at.button[0].click().run()  # the form's submit button
    assert "パスワードが違います" in plain(at.error)
    assert not at.get("file_uploader")
    at.text_input(key="edit_password_input").set_value("合言葉")
    at.button[0].click().run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 1
    # the grant lasts for the session, and the sources page's date control appears too
    at.switch_page("app_pages/timeline.py").run()
    at.switch_page(CORPUS).run()
    assert len(at.get("file_uploader")) == 1


def test_edit_password_from_secrets():
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["nenpyo"] = {"edit_password": "s3cret"}
    at.switch_page(CORPUS).run()
    assert not at.exception
    assert not at.get("file_uploader")
    assert any(w.key == "edit_password_input" for w in at.text_input)


def test_read_password_gate(monkeypatch):
    monkeypatch.setenv("NENPYO_READ_PASSWORD", "yomu")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert not at.dataframe and not at.get("plotly_chart")
    at.text_input[0].set_value("yomu")
    at.button[0].click().run()
    at.run()
    assert not at.exception
    assert at.dataframe  # the timeline's table


def test_corpus_page_without_the_store(monkeypatch):
    monkeypatch.setenv("NENPYO_DASHBOARD_DATA", "demo")
    at = open_page()
    assert "NENPYO_DASHBOARD_DATA" in plain(at.info)
    assert not at.get("file_uploader")


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize("msg,level,fragment", [
    (Message("a.txt", "added", "", doc_id="a"), "success", "a ← a.txt"),
    (Message("a.txt", "added", "id a was taken; stored as a-2", doc_id="a-2"), "success", "stored as a-2"),
    (Message("b.bin", "skipped", "b.bin: unsupported file type .bin"), "error", "b.bin: unsupported"),
    (Message("m.csv", "warning", "m.csv: lists x.txt, which was not uploaded"), "warning", "x.txt"),
], ids=["added", "renamed", "skipped", "warning"])
def test_message_notes(msg, level, fragment):
    (note,) = message_notes([msg], "ja")
    assert note.level == level and fragment in note.text


@pytest.mark.parametrize("text,value,error", [
    ("2023-09-05", date(2023, 9, 5), None), ("令和5年9月5日", date(2023, 9, 5), None),
    (" 2023/9/5 ", date(2023, 9, 5), None), ("", None, None), (None, None, None),
    ("2023-02-30", None, "no day 30"), ("明日", None, "not a date"), ("9" * 500, None, "too long"),
], ids=["iso", "wareki", "slashes", "empty", "none", "impossible", "relative", "huge"])
def test_date_preview(text, value, error):
    parsed, message = date_preview(text)
    assert parsed == value
    assert (message is None) if error is None else (error in message)


def test_changed_fields_only_reports_changes():
    doc = SourceDoc(id="a", title="見出し", source="NHK", url="")
    assert changed_fields(doc, "見出し ", "NHK", "") == {}
    assert changed_fields(doc, "別の見出し", None, "https://x.jp") == {"title": "別の見出し", "url": "https://x.jp"}


def test_document_table_counts_events_per_document():
    docs = {"a": SourceDoc(id="a", title="<b>A</b>", dct_value=date(2024, 1, 2), dct_source="override",
                           dct_confidence=1.0),
            "b": SourceDoc(id="b", title="B")}
    events = pd.DataFrame({"doc_id": ["a", "a", "b"]})
    table = document_table(docs, events, "en")
    assert table["Events"].tolist() == [2, 1]
    assert table["Article date"].tolist() == ["2024-01-02", ""]
    assert table["Date set by"].tolist()[0] == "corrected by hand"
    assert table["Title"].tolist()[0] == "<b>A</b>"
