"""Who may open the dashboard and the board report: the register's officers.

The figures are counts, but the lists behind them name residents, so the same permission
that opens the register opens these (superusers have every permission).
"""

VIEW_REPORTS = "involvement_forms.view_person"


def can_see_reports(user):
    return user.has_perm(VIEW_REPORTS)
