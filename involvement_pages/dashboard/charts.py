"""Charts drawn on the server as SVG from a table's own rows: no script, no chart library.

A chart is a picture of the table beside it, never the only place a figure appears: it is
``role="img"`` and named by the table's caption, and screen readers read the table. Cells
that are not numbers (a protected "fewer than 5", say) are left out of the picture. Colours
come from the dashboard's stylesheet by class, so nothing needs a ``style`` attribute.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 640
LABEL_WIDTH = 200
BAR_HEIGHT = 18
GAP = 10
HEIGHT = 240
MARGIN = 40


def number(cell):
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float | Decimal):
        return float(cell)
    return None


def series(table):
    """[(header, [value or None per row])] for each column after the first with a number."""
    found = []
    for column in range(1, len(table.headers)):
        values = [number(row[column]) if column < len(row) else None for row in table.rows]
        if any(value is not None for value in values):
            found.append((table.headers[column], values))
    return found


def caption_id(table):
    return f"table-{table.slug}-caption"


def svg(table, width, height, body):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" focusable="false" '
        f'aria-labelledby="{escape(caption_id(table))}">{"".join(body)}</svg>'
    )


def short(text, length=28):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def legend(lines, y):
    body = []
    x = LABEL_WIDTH
    for n, (header, _values) in enumerate(lines):
        body.append(f'<rect class="series-{n}" x="{x}" y="{y - 10}" width="12" height="12"/>')
        body.append(f'<text x="{x + 16}" y="{y}">{escape(header)}</text>')
        x += 24 + 8 * len(str(header))
    return body


def bar_chart(table):
    """Horizontal bars, one group a row, one bar a numeric column."""
    lines = series(table)
    if not lines or not table.rows:
        return ""
    top = max((v for _header, values in lines for v in values if v is not None), default=0)
    scale = (WIDTH - LABEL_WIDTH - MARGIN) / top if top else 0
    group = BAR_HEIGHT * len(lines) + GAP
    body = []
    y = GAP + (20 if len(lines) > 1 else 0)
    if len(lines) > 1:
        body += legend(lines, 14)
    for index, row in enumerate(table.rows):
        label = escape(short(row[0]))
        middle = y + BAR_HEIGHT * len(lines) / 2 + 4
        body.append(f'<text class="label" x="{LABEL_WIDTH - 8}" y="{middle}">{label}</text>')
        for n, (_header, values) in enumerate(lines):
            value = values[index]
            if value is None:
                continue
            bar_y = y + n * BAR_HEIGHT
            length = max(value * scale, 0)
            body.append(
                f'<rect class="series-{n}" x="{LABEL_WIDTH}" y="{bar_y}" '
                f'width="{length:.1f}" height="{BAR_HEIGHT - 2}"/>'
            )
            body.append(
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{bar_y + BAR_HEIGHT - 5}">'
                f"{escape(f'{value:,g}')}</text>"
            )
        y += group
    return svg(table, WIDTH, y + GAP, body)


def line_chart(table):
    """One line a numeric column, across the rows in order (oldest first)."""
    lines = series(table)
    if not lines or len(table.rows) < 2:
        return bar_chart(table)
    top = max(v for _header, values in lines for v in values if v is not None) or 1
    left, right, bottom = MARGIN + 10, WIDTH - MARGIN, HEIGHT - MARGIN
    step = (right - left) / (len(table.rows) - 1)

    def place(index, value):
        return left + index * step, bottom - (bottom - 30) * value / top

    body = legend(lines, 14)
    body.append(f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>')
    body.append(f'<text x="{left - 6}" y="{bottom}" class="label">0</text>')
    body.append(f'<text x="{left - 6}" y="34" class="label">{escape(f"{top:,g}")}</text>')
    for index, row in enumerate(table.rows):
        x, _y = place(index, 0)
        body.append(
            f'<text class="tick" x="{x:.1f}" y="{bottom + 16}">{escape(short(row[0], 14))}</text>'
        )
    for n, (_header, values) in enumerate(lines):
        points = [place(i, v) for i, v in enumerate(values) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline class="line series-{n}" points="{path}"/>')
        body += [f'<circle class="series-{n}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>' for x, y in points]
    return svg(table, WIDTH, HEIGHT, body)


def chart(table):
    """The SVG for ``table``, or "" when it asks for none or has no numbers to draw."""
    if table.chart == "bar":
        return bar_chart(table)
    if table.chart == "line":
        return line_chart(table)
    return ""
