"""What the engine keeps of each imported row: four facts, not import-export's RowResult.

A RowResult carries nine attributes, an empty dict and a list; kept for every row of a
100,000-row file they cost tens of megabytes that nothing reads.
"""

from import_export.results import Result


class RowOutcome:
    __slots__ = ("errors", "import_type", "name", "validation_error")

    def __init__(self, row_result):
        self.import_type = row_result.import_type
        self.name = row_result.object_repr or ""
        self.validation_error = row_result.validation_error
        self.errors = row_result.errors


class Outcomes(Result):
    def append_row_result(self, row_result):
        self.rows.append(RowOutcome(row_result))
