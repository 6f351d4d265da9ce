"""The admin's upload form: what the file holds, the file, and two rarely needed details."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .reading import max_upload_bytes
from .resources import RESOURCES

ENCODINGS = [
    ("", _("Work it out from the file (recommended)")),
    ("utf-8", "UTF-8"),
    ("cp1252", _("Windows-1252 (older Excel “CSV” files)")),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("utf-16", _("UTF-16 (Excel “Unicode text”)")),
]


def _megabytes(size):
    return gettext("%(size).0f MB") % {"size": size / 1024 / 1024}


class UploadForm(forms.Form):
    resource = forms.ChoiceField(
        label=_("What does the file hold?"),
        help_text=_("Each kind of record has its own columns: the importing guide lists them."),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the file holds.")},
    )
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    sheet = forms.CharField(
        label=_("Sheet name (Excel only, optional)"),
        help_text=_("Leave this blank to read the first sheet."),
        required=False,
        max_length=100,
    )
    encoding = forms.ChoiceField(
        label=_("Text encoding (CSV only, optional)"),
        help_text=_("Change this only if names with accents or £ signs look wrong in the preview."),
        choices=ENCODINGS,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].choices = [
            (name, resource.label or name) for name, resource in RESOURCES.items()
        ]
        self.fields["file"].help_text = gettext(
            "A CSV file or an Excel workbook (.xlsx), at most %(size)s. "
            "The first row must name the columns."
        ) % {"size": _megabytes(max_upload_bytes())}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        # Refuse before reading it into memory; the reader checks again for the command line.
        if upload.size > limit:
            raise forms.ValidationError(
                gettext(
                    "The file is %(size).1f MB; the most we accept is %(limit)s. "
                    "Split it into smaller files."
                )
                % {"size": upload.size / 1024 / 1024, "limit": _megabytes(limit)}
            )
        return upload
