from wagtail import hooks
from wagtail.snippets.models import register_snippet

from forms.erasure import ERASURE_HOOK
from forms.involvement import INVOLVED_HOOK, PERSON_HISTORY_HOOK

from .erasure import panels_erasure
from .history import involved_in_panels, meetings_section, memberships_section
from .viewsets import PanelsGroup

register_snippet(PanelsGroup)

hooks.register(PERSON_HISTORY_HOOK, memberships_section, order=10)
hooks.register(PERSON_HISTORY_HOOK, meetings_section, order=20)
hooks.register(INVOLVED_HOOK, involved_in_panels)
hooks.register(ERASURE_HOOK, panels_erasure)
