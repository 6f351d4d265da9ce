"""Reading the results tables back out of the admin page, as an officer reads them."""


def rows(html, question):
    """[(answer, count, percent), ...] from the table under a question's heading."""
    table = html.split(f'<h2 class="w-h3">{question}</h2>', 1)[1].split("</table>", 1)[0]
    found = []
    for row in table.split("<tr>")[2:]:
        label = row.split('scope="row">', 1)[1].split("</th>", 1)[0]
        cells = [c.split("</td>", 1)[0] for c in row.split("<td>")[1:]]
        found.append((label.split(" <em>")[0], int(cells[0]), cells[1]))
    return found
