from wagtail.snippets.models import register_snippet

from .viewsets import GrantsGroup

register_snippet(GrantsGroup)
