from wagtail.snippets.models import register_snippet

from .viewsets import PanelsGroup

register_snippet(PanelsGroup)
