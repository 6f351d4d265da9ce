"""The admin's forms: the upload (what the file holds, the file, and two rarely needed
details), and the column step (which field each column fills)."""

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


def field_choices(resource):
    """Every field a resource imports, by its label, after "Not imported"."""
    required = gettext("%(label)s (required)")
    return [("", gettext("Not imported"))] + [
        (c.field, required % {"label": c.header} if c.required else c.header)
        for c in resource.columns
    ]


class MappingForm(forms.Form):
    """The field each column of an uploaded file fills, one select a column, and a name to
    save the choices under for the next file of the same kind."""

    save_as = forms.CharField(
        label=_("Save these choices for the next file like this (optional)"),
        help_text=_(
            "Give them a name, such as the system the file came from: 'Northgate export'. "
            "A file with the same column headers will have these choices made for it."
        ),
        required=False,
        max_length=100,
    )

    def __init__(self, *args, columns, resource, **kwargs):
        super().__init__(*args, **kwargs)
        choices = field_choices(resource)
        self.count = len(columns)
        for index, column in enumerate(columns):
            name = self.field_name(index)
            # The select's notes (why it was chosen, a clash) are read with it.
            said = column.get("error") or column.get("note") or column.get("how") == "words"
            attrs = {"aria-describedby": f"id_{name}-notes"} if said else {}
            self.fields[name] = forms.ChoiceField(
                label=column["header"] or index,
                choices=choices,
                required=False,
                initial=column["field"],
                widget=forms.Select(attrs=attrs),
                error_messages={
                    "invalid_choice": _("Choose a field from the list, or Not imported.")
                },
            )
        self.order_fields([*(self.field_name(i) for i in range(self.count)), "save_as"])

    @staticmethod
    def field_name(index):
        return f"column-{index}"

    def clean_save_as(self):
        return " ".join(self.cleaned_data["save_as"].split())

    def mapping(self):
        """The field each column fills, by position; "" where it is not imported."""
        return [self.cleaned_data.get(self.field_name(i)) or "" for i in range(self.count)]
