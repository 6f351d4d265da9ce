"""The shared shape of every legacy import: a django-import-export ModelResource keyed on
the landlord's own reference, with typed widgets, bulk writes and a change list per row.

A resource lists its ``columns`` (field, header we export, synonyms people type); fields
and widgets follow from the model. Many-to-many answers and other rows that hang off an
instance are written in bulk after each batch, because import-export's bulk mode skips them.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.base import ModelState
from django.utils.translation import gettext

from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult

from involvement_pages.references import own_pk, own_reference

from .. import bulk, values
from ..columns import Column
from ..models import ImportedRecord
from ..results import Outcomes, RowOutcome
from ..widgets import (
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    EmailWidget,
    IntegerWidget,
    NamedObjectsWidget,
    NamedObjectWidget,
    ReferenceWidget,
    TextWidget,
    YesNoWidget,
)

LOOKUP_CHUNK = 500  # well under SQLite's limit on query parameters
NEW, UPDATE, SKIP, INVALID = (
    RowResult.IMPORT_TYPE_NEW,
    RowResult.IMPORT_TYPE_UPDATE,
    RowResult.IMPORT_TYPE_SKIP,
    RowResult.IMPORT_TYPE_INVALID,
)


class ReferenceInstanceLoader(BaseInstanceLoader):
    """Loads every existing row the file refers to up front, in chunks, with its
    many-to-many values, so a 100,000-row re-import asks the database a few hundred
    times instead of once a row.

    A reference is found on the model's own ``legacy_reference`` field where it has one,
    else in the import records; ``ID-<pk>`` (from our own exports) finds that row."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        key = resource.key_field()
        references = getattr(resource, "file_references", None) or []
        if references or dataset is None:
            pass  # read once already, by the engine
        elif key.column_name in dataset.headers:
            # Read the one column, not dataset.dict: a dict a row doubles a big file's memory.
            for cell in dataset.get_col(dataset.headers.index(key.column_name)):
                try:
                    reference = key.widget.clean(cell)
                except ValueError:
                    continue  # reported against its row (too long, say)
                if reference:
                    references.append(reference)
        self.instances = {}
        queryset = resource.get_queryset()
        on_model = resource.reference_on_model()
        for start in range(0, len(references), LOOKUP_CHUNK):
            chunk = references[start : start + LOOKUP_CHUNK]
            ids = {own_pk(r): r for r in chunk if own_pk(r) is not None}
            if on_model:
                for instance in queryset.filter(**{f"{resource.key}__in": chunk}):
                    self.instances[getattr(instance, resource.key)] = instance
            else:
                ids.update(
                    ImportedRecord.objects.filter(
                        resource=resource.name, reference__in=chunk
                    ).values_list("object_id", "reference")
                )
            for instance in queryset.filter(pk__in=list(ids)):
                self.instances.setdefault(ids[instance.pk], instance)
        resource.reference_ids.update({ref: obj.pk for ref, obj in self.instances.items()})
        self.key_column = key.column_name

    def get_instance(self, row):
        try:
            return self.instances.get(self.resource.key_field().widget.clean(row[self.key_column]))
        except ValueError:
            return None  # a reference that cannot be one finds nothing; its row says why


class LegacyResource(resources.ModelResource):
    name = ""  # as the command line and the import records know it
    columns: list = []
    key = "legacy_reference"
    label = ""
    description = ""
    #: What people call one row: "Event ID" is an event's own reference, not its title.
    record_words: tuple = ()
    field_widgets: dict = {}

    class Meta:
        abstract = True
        import_id_fields = ("legacy_reference",)
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # we keep our own, cheaper, list of changes (see import_instance)
        use_bulk = True
        batch_size = 1000
        instance_loader_class = ReferenceInstanceLoader
        fields = ()

    #: Columns left out of exports (people's equality answers).
    private_columns: set = set()

    def __init__(self, progress=None, user=None, exporting=False, **kwargs):
        super().__init__(**kwargs)
        columns = [c for c in self.columns if not (exporting and c.field in self.private_columns)]
        self.fields = {c.header: self.build_field(c) for c in columns}
        self._key_field = self.fields[self.column_for(self.key).header]
        self._keeps_default = {
            f.attribute
            for f in self.model_fields()
            if not self._meta.model._meta.get_field(f.attribute).null
            and self._meta.model._meta.get_field(f.attribute).has_default()
        }
        self.changes = {}  # row number -> [(header, before, after)]
        self.progress = progress
        self.user = user
        self.validate_only = False
        # Bulk resources check first and write later (importers/writing.py): ``prepare``
        # keeps here what is to be written.
        self.prepared_new, self.prepared_updated = [], []
        self.file_headers = set()
        self.reference_ids = {}  # reference -> pk of every row found or saved
        self._scalar_fields = [
            f
            for f in self.get_import_fields()
            if not isinstance(f.widget, widgets.ManyToManyWidget)
            and (f.attribute or f is self._key_field)
        ]
        self._required_columns = [c for c in columns if c.required]
        self._lengths = self._field_lengths()
        self._foreign = self._foreign_keys()

    # Fields -----------------------------------------------------------------------------

    @classmethod
    def reference_on_model(cls):
        return any(f.name == cls.key for f in cls._meta.model._meta.concrete_fields)

    def build_field(self, column):
        if column.field == self.key and not self.reference_on_model():
            # Kept in the import records, not on the model (see ReferenceInstanceLoader).
            return Field(attribute=None, column_name=column.header, widget=ReferenceWidget())
        return Field(
            attribute=column.field,
            column_name=column.header,
            widget=self.widget_for(column),
        )

    def widget_for(self, column):
        if column.field == self.key:
            return ReferenceWidget()
        if column.field in self.field_widgets:
            return self.field_widgets[column.field]()
        model_field = self._meta.model._meta.get_field(column.field)
        if model_field.many_to_many:
            return NamedObjectsWidget(model_field.related_model)
        if model_field.is_relation:
            return NamedObjectWidget(model_field.related_model)
        if model_field.choices:
            return ChoiceWidget(model_field.choices)
        if isinstance(model_field, models.BooleanField):
            return YesNoWidget(default=model_field.default)
        if isinstance(model_field, models.DateField):
            return DateWidget()
        if isinstance(model_field, models.DecimalField):
            return DecimalWidget()
        if isinstance(model_field, models.IntegerField):
            return IntegerWidget()
        if isinstance(model_field, models.EmailField):
            return EmailWidget(max_length=model_field.max_length)
        return TextWidget(
            max_length=model_field.max_length, multiline=isinstance(model_field, models.TextField)
        )

    def key_field(self):
        return self._key_field

    def get_import_id_fields(self):
        return [self.key_field().column_name]

    def get_fields(self, **kwargs):
        return list(self.fields.values())

    def get_user_visible_fields(self):
        return self.get_fields()

    def column_for(self, attribute):
        return next((c for c in self.columns if c.field == attribute), None)

    # Rows ---------------------------------------------------------------------------------

    def m2m_fields(self):
        return [f for f in self.fields.values() if isinstance(f.widget, widgets.ManyToManyWidget)]

    def get_result_class(self):
        return Outcomes

    def import_instance(self, instance, row, **kwargs):
        """Set every field, collecting every problem in the row at once, and note what changed."""
        new = instance.pk is None
        instance._import_row = kwargs.get("row_number")
        before = {} if new else self.snapshot(instance)
        errors = {}
        for field in self._scalar_fields:
            if field.column_name in row:
                try:
                    self.import_field(field, instance, row)
                except ValueError as exc:
                    errors[field.attribute or self.key] = ValidationError(str(exc), code="invalid")
        instance._pending_m2m = {}
        for field in self.m2m_fields():
            if field.column_name not in row:
                continue
            try:
                instance._pending_m2m[field.attribute] = field.clean(row)
            except ValueError as exc:
                errors[field.attribute] = ValidationError(str(exc))
        for column in self._required_columns:
            if column.header in row and not errors.get(column.field):
                if column.field == self.key:
                    value = getattr(instance, "_legacy_reference", "")
                else:
                    value = getattr(instance, column.field, None)
                if value in (None, ""):
                    errors[column.field] = ValidationError(
                        # The header stays English: it is the one the file uses.
                        gettext("%(header)s is blank.") % {"header": column.header}
                    )
        for name, error in self.import_extra(instance, row).items():
            # A cell's own problem (too long, say) says more than what follows from it.
            errors.setdefault(name, error)
        if errors:
            raise ValidationError(errors)
        if not new:
            after = self.snapshot(instance)
            self.changes[kwargs.get("row_number")] = [
                (header, before[header], after[header])
                for header in after
                if after[header] != before[header]
            ]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A blank cell keeps the model's default (new rows) or what is held (updates).

        Straight to the widget: import-export's Field.save and Field.clean add nothing our
        fields use (defaults, readonly, dotted attributes) and cost a fifth of the import."""
        if field is self._key_field:
            reference = field.widget.clean(row[field.column_name])
            instance._legacy_reference = reference
            if own_pk(reference) is None and field.attribute:
                setattr(instance, field.attribute, reference)
            return
        value = row[field.column_name]
        if value in ("", None) and field.attribute in self._keeps_default:
            return
        cleaned = field.widget.clean(value, row=row)
        most = self._lengths.get(field.attribute)
        if most and isinstance(cleaned, str) and len(cleaned) > most:
            # However the widget read it, the value is never cut short to fit.
            raise ValueError(values.too_long(len(cleaned), most))
        foreign = self._foreign.get(field.attribute)
        if foreign is not None and (cleaned is None or isinstance(cleaned, foreign[1])):
            # What the related-object descriptor does for a new value, without its checks
            # for what an import never does (other databases, unsaved objects, reverse
            # one-to-one caches): a tenth of a large import's time went there.
            model_field, _model, target = foreign
            instance.__dict__[model_field.attname] = (
                None if cleaned is None else getattr(cleaned, target)
            )
            if instance.pk is not None or not self._meta.use_bulk:
                instance._state.fields_cache[model_field.name] = cleaned
            else:
                # A new record in bulk needs only the key to be written; not keeping the
                # object saves each of 100,000 records a dictionary.
                cache = instance._state.__dict__.get("fields_cache")  # made when first read
                if cache:
                    cache.pop(model_field.name, None)
            return
        setattr(instance, field.attribute, cleaned)

    def most(self, field):
        """The most characters the model field holds, or None for no limit."""
        return self._lengths.get(field.attribute)

    def _foreign_keys(self):
        """{attribute: (model field, related model, attname of the key it holds)}."""
        found = {}
        for field in self._scalar_fields:
            try:
                model_field = self._meta.model._meta.get_field(field.attribute or "")
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, models.ForeignKey) and not model_field.one_to_one:
                found[field.attribute] = (
                    model_field,
                    model_field.related_model,
                    model_field.target_field.attname,
                )
        return found

    def _field_lengths(self):
        lengths = {}
        for field in self.fields.values():
            try:
                model_field = self._meta.model._meta.get_field(field.attribute or "")
            except FieldDoesNotExist:
                continue
            lengths[field.attribute] = getattr(model_field, "max_length", None)
        return lengths

    def import_extra(self, instance, row):
        """Read what does not live on the instance itself; return {field: ValidationError}."""
        return {}

    def model_fields(self):
        """The fields set on the model: not the reference, nor what is kept aside (people)."""
        return [f for f in self.fields.values() if f.attribute and f.attribute != self.key]

    def get_import_fields(self):
        return [self.key_field(), *self.model_fields()]

    def before_import(self, dataset, **kwargs):
        self.file_headers = set(dataset.headers)

    def snapshot(self, instance):
        """Each column in the file as it would be exported: what a migrator compares."""
        values = {}
        pending = getattr(instance, "_pending_m2m", None)
        for field in self.model_fields():
            if field.column_name not in self.file_headers:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if pending is not None and field.attribute in pending:
                    values[field.column_name] = field.widget.render_items(pending[field.attribute])
                else:
                    values[field.column_name] = field.widget.render(
                        getattr(instance, field.attribute)
                    )
            else:
                values[field.column_name] = field.widget.render(
                    getattr(instance, field.attribute, None)
                )
        return values

    def before_import_row(self, row, **kwargs):
        self._row_number = kwargs.get("row_number")

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._pending_m2m = None  # snapshot() reads the saved values until we parse the row

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None or not self._meta.skip_unchanged:
            return False
        return not self.changes.get(self._row_number)

    def after_import_row(self, row, row_result, **kwargs):
        if self.progress:
            self.progress(kwargs.get("row_number"))

    def prepare(self, dataset):
        """Check every row and keep what would be written (``prepared_new``,
        ``prepared_updated``), writing nothing: import-export's ``import_data`` for a bulk
        resource, without its per-row machinery (a transaction
        context, a RowResult and a flush check for every row: a third of a large import).
        Returns the Outcomes, one a row, as ``import_data`` would."""
        result = self.get_result_class()()
        result.total_rows = len(dataset)
        self.before_import(dataset)
        loader = self._meta.instance_loader_class(self, dataset)
        headers = dataset.headers
        outcomes = result.rows
        for number, cells in enumerate(dataset, 1):
            row = dict(zip(headers, cells, strict=True))
            try:
                outcomes.append(self._prepare_row(row, number, loader))
            except Exception as exc:  # reported on its row, as import-export does
                outcomes.append(RowOutcome.failed(exc, row, number))
        return result

    def _prepare_row(self, row, number, loader):
        self.before_import_row(row, row_number=number)
        instance = loader.get_instance(row)
        new = instance is None
        if new:
            instance = self.init_instance(row)
        self.after_init_instance(instance, new, row)
        try:
            self.import_instance(instance, row, row_number=number)
        except ValidationError as exc:
            return RowOutcome(INVALID, validation_error=exc)
        if self.skip_row(instance, None, row):
            status = SKIP
        else:
            status = NEW if new else UPDATE
            if not self.validate_only:  # the file has errors already: keep nothing
                (self.prepared_new if new else self.prepared_updated).append(instance)
        self.after_import_row(row, None, row_number=number)
        return RowOutcome(status, str(instance))

    # Writes -------------------------------------------------------------------------------

    def save_instance(self, instance, is_create, row, **kwargs):
        """One by one, for resources that are not bulk (those ``prepare``, and writing.py
        writes them)."""
        if self.validate_only:  # checked only: a preview, or a file already refused
            return
        super().save_instance(instance, is_create, row, **kwargs)
        self.after_batch_saved([instance], created=is_create)

    def save_m2m(self, instance, row, **kwargs):
        """Many-to-many answers are written by after_batch_saved, in bulk or one by one."""

    def get_bulk_update_fields(self):
        """Model attributes to write; many-to-many ones are written by after_batch_saved."""
        return [
            f.attribute
            for f in self.model_fields()
            if not isinstance(f.widget, widgets.ManyToManyWidget) and f.attribute != self.key
        ]

    def after_batch_saved(self, instances, created):
        """Write many-to-many answers for a saved batch in one insert per field."""
        for instance in instances:
            self.reference_ids[instance._legacy_reference] = instance.pk
        for field in self.m2m_fields():
            model_field = self._meta.model._meta.get_field(field.attribute)
            through = model_field.remote_field.through
            source = model_field.m2m_field_name()
            target = model_field.m2m_reverse_field_name()
            touched = [i for i in instances if i._pending_m2m and field.attribute in i._pending_m2m]
            if not touched:
                continue
            if not created:
                through.objects.filter(**{f"{source}__in": [i.pk for i in touched]}).delete()
            pairs = [
                (i.pk, related.pk) for i in touched for related in i._pending_m2m[field.attribute]
            ]
            if bulk.fast():
                first = through._meta.get_field(source).column
                second = through._meta.get_field(target).column
                bulk.insert_pairs(through, first, second, pairs)
                continue
            through.objects.bulk_create(
                [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs],
                batch_size=self._meta.batch_size,
            )

    def get_export_fields(self, selected_fields=None):
        return list(self.fields.values())

    def get_export_headers(self, selected_fields=None):
        return list(self.fields)

    def export_field(self, field, instance, **kwargs):
        if field is self.key_field():
            return self.export_reference(instance)
        if isinstance(field.widget, widgets.ManyToManyWidget):
            return field.widget.render(getattr(instance, field.attribute))
        return field.widget.render(getattr(instance, field.attribute, None))

    def before_export(self, queryset, **kwargs):
        """Each row's import reference, fetched once for the whole export."""
        self._references = {}
        if not self.reference_on_model():
            self._references = dict(
                ImportedRecord.objects.filter(resource=self.name).values_list(
                    "object_id", "reference"
                )
            )

    def export_reference(self, instance):
        reference = getattr(instance, self.key, "") if self.reference_on_model() else ""
        return reference or self._references.get(instance.pk) or own_reference(instance.pk)

    def get_queryset(self):
        related = [
            f.attribute
            for f in self.fields.values()
            if isinstance(f.widget, widgets.ForeignKeyWidget)
            and not isinstance(f.widget, widgets.ManyToManyWidget)
        ]
        m2m = [f.attribute for f in self.m2m_fields()]
        return super().get_queryset().select_related(*related).prefetch_related(*m2m)

    def init_instance(self, row=None):
        """A new record for a row. Bulk resources copy one blank record rather than build
        each anew: Model.__init__ fills every default field by field, a sixth of a large
        first import. (Their models have no mutable defaults to share by copying.)"""
        if not self._meta.use_bulk:
            return super().init_instance(row)
        blank = getattr(self, "_blank", None)
        if blank is None:
            blank = self._blank = self._meta.model()
        # What copy.copy does for a model, without its pickling protocol (a tenth of the check).
        model = type(blank)
        instance = model.__new__(model)
        instance.__dict__.update(blank.__dict__)
        instance._state = ModelState()
        return instance

    def after_import(self, dataset, result, **kwargs):
        """import-export resets the table's key sequence here; nothing was saved when the
        rows were only checked."""
        if not self.validate_only:
            super().after_import(dataset, result, **kwargs)

    def joined_meanwhile(self, instances, since):
        """[(instance, record)] for rows prepared as new whose record someone else created
        since ``since`` (a resident joining online mid-import): the row updates that record."""
        return []

    def adopt_extra(self, instance, record):
        """Carry what a prepared row keeps aside over to the record it now updates."""

    def check_columns(self, fields):
        """File-level checks on which columns are present; return a list of messages."""
        return []

    def check_rows(self, rows):
        """Checks across rows, as {row index: [(field, message)]}; rows are dicts by header."""
        return {}


__all__ = ["Column", "LegacyResource"]
