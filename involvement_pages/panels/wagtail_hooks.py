from wagtail import hooks
from wagtail.snippets.models import register_snippet

from forms.erasure import ERASURE_HOOK
from forms.involvement import INVOLVED_HOOK, PERSON_HISTORY_HOOK
from forms.subject_access import PERSON_DATA_HOOK

from .erasure import panels_erasure
from .history import involved_in_panels, meetings_section, memberships_section
from .personal_data import panels_data
from .viewsets import PanelsGroup

register_snippet(PanelsGroup)

hooks.register(PERSON_HISTORY_HOOK, memberships_section, order=10)
hooks.register(PERSON_HISTORY_HOOK, meetings_section, order=20)
hooks.register(INVOLVED_HOOK, involved_in_panels)
hooks.register(ERASURE_HOOK, panels_erasure)
hooks.register(PERSON_DATA_HOOK, panels_data, order=10)
