"""The admin's upload form: what the file holds, the file, and two rarely needed details."""

from django import forms

from .reading import max_upload_bytes
from .resources import RESOURCES

ENCODINGS = [
    ("", "Work it out from the file (recommended)"),
    ("utf-8", "UTF-8"),
    ("cp1252", "Windows-1252 (older Excel “CSV” files)"),
    ("latin-1", "ISO-8859-1 (Latin-1)"),
    ("utf-16", "UTF-16 (Excel “Unicode text”)"),
]


def _megabytes(size):
    return f"{size / 1024 / 1024:.0f} MB"


class UploadForm(forms.Form):
    resource = forms.ChoiceField(
        label="What does the file hold?",
        help_text="Each kind of record has its own columns: the importing guide lists them.",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the file holds."},
    )
    file = forms.FileField(
        label="File",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    sheet = forms.CharField(
        label="Sheet name (Excel only, optional)",
        help_text="Leave this blank to read the first sheet.",
        required=False,
        max_length=100,
    )
    encoding = forms.ChoiceField(
        label="Text encoding (CSV only, optional)",
        help_text="Change this only if names with accents or £ signs look wrong in the preview.",
        choices=ENCODINGS,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].choices = [
            (name, resource.label or name) for name, resource in RESOURCES.items()
        ]
        self.fields["file"].help_text = (
            "A CSV file or an Excel workbook (.xlsx), at most "
            f"{_megabytes(max_upload_bytes())}. The first row must name the columns."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        # Refuse before reading it into memory; the reader checks again for the command line.
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the most we accept is "
                f"{_megabytes(limit)}. Split it into smaller files."
            )
        return upload
