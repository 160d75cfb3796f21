"""Sources page: the frame's context → nenpyo_ui.views.sources_page."""
from nenpyo_ui.frame import context
from nenpyo_ui.views import sources_page

sources_page(context())
