"""What the engine keeps of each imported row: four facts, not import-export's RowResult.

A RowResult carries nine attributes, an empty dict and a list; kept for every row of a
100,000-row file they cost tens of megabytes that nothing reads.
"""

from import_export.results import Error, Result, RowResult

NO_ERRORS = ()


class RowOutcome:
    __slots__ = ("errors", "import_type", "name", "validation_error")

    def __init__(self, import_type, name="", validation_error=None, errors=NO_ERRORS):
        self.import_type, self.name = import_type, name
        self.validation_error, self.errors = validation_error, errors

    @classmethod
    def of(cls, row_result):
        return cls(
            row_result.import_type,
            row_result.object_repr or "",
            row_result.validation_error,
            row_result.errors,
        )

    @classmethod
    def failed(cls, exc, row, number):
        """A row whose reading failed on our side (a bug, not the file): said on its line."""
        return cls(RowResult.IMPORT_TYPE_ERROR, errors=[Error(exc, row=row, number=number)])


class Outcomes(Result):
    def append_row_result(self, row_result):
        self.rows.append(RowOutcome.of(row_result))
