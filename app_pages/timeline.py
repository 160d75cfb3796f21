"""Timeline page: the frame's context → nenpyo_ui.views.timeline_page."""
from nenpyo_ui.frame import context
from nenpyo_ui.views import timeline_page

timeline_page(context())
