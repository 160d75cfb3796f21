"""Corpus page: the frame's context → nenpyo_ui.corpus_view.corpus_page."""
from nenpyo_ui.corpus_view import corpus_page
from nenpyo_ui.frame import context

corpus_page(context())
