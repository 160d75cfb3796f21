"""nenpyo dashboard entry point: page config, navigation, shared sidebar filters, page.run().

Start with `streamlit run dashboard.py`; the pages live in app_pages/ (not pages/: Streamlit would also serve that folder as pages of their own) and the logic in nenpyo_ui/.
"""
import streamlit as st

from nenpyo_ui import access, frame
from nenpyo_ui.data import load_dataset
from nenpyo_ui.i18n import t

st.set_page_config(page_title="nenpyo 年表", page_icon=":material/calendar_month:", layout="wide")

lang, lang_default = frame.language_toggle()
if not access.read_gate(lang):  # a read password is set and this session has not given it
    st.stop()
pages = [
    st.Page(frame.PAGE_FILES["timeline"], title=t("page_timeline", lang), icon=":material/timeline:", url_path="timeline", default=True),
    st.Page(frame.PAGE_FILES["actors"], title=t("page_actors", lang), icon=":material/groups:", url_path="actors"),
    st.Page(frame.PAGE_FILES["sources"], title=t("page_sources", lang), icon=":material/article:", url_path="sources"),
    st.Page(frame.PAGE_FILES["corpus"], title=t("page_corpus", lang), icon=":material/library_add:", url_path="corpus"),
]
page = st.navigation(pages, position="top")

try:
    dataset = load_dataset()
except Exception as exc:  # bad data source: say what is wrong instead of a traceback
    st.error(f"{type(exc).__name__}: {exc}")
    st.stop()

frame.build_context(dataset, lang, lang_default)
share_slot = st.sidebar.container()
page.run()
frame.share_box(share_slot, lang, lang_default, page.url_path or "timeline")
