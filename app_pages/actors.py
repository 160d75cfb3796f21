"""Actors page: the frame's context → nenpyo_ui.views.actors_page."""
from nenpyo_ui.frame import context
from nenpyo_ui.views import actors_page

actors_page(context())
