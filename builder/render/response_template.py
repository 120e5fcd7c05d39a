"""The response template (quizzes/responses-template.xlsx) organizers fill in with test answers.

One sheet per test whose columns match the printed answer sheets, plus a sheet of instructions;
:mod:`builder.sources.responses` reads the filled-in file back.
"""

from __future__ import annotations

import datetime as dt
import io
from copy import copy

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from builder.i18n import Locale
from builder.write.cells import safe_row
from builder.write.output import fix_core_dates


def response_template(workshop, tests, locale=None) -> bytes:
    """An .xlsx with a sheet per test whose columns match the printed answer sheets, plus instructions.

    The toolkit's words (sheet name, instructions, column headers) are in ``locale``'s language
    (default: the curriculum's); both languages' headers are read back by the response reader.
    """
    locale = locale or Locale(workshop.curriculum.language)
    workbook = Workbook()
    guide = workbook.active
    guide.title = locale.label("responses.guide_sheet")
    for line in locale.label("responses.guide", title=workshop.curriculum.title).split("\n"):
        guide.append(safe_row([line]))
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 100
    fill = PatternFill("solid", fgColor="D9E2F3")
    for test, variants in tests:
        sheet = workbook.create_sheet(test.name[:31])
        count = len(variants[0].items)
        header = [locale.label(f"responses.col.{name}") for name in ("row", "name", "nip", "agency", "variant")]
        header += [str(n) for n in range(1, count + 1)]
        sheet.append(header)
        first = sheet.cell(row=1, column=1)
        first.font = Font(bold=True)
        first.fill = fill
        first.alignment = Alignment(horizontal="center")
        for column in range(2, len(header) + 1):  # the same style: a copy of the first cell's style ids
            sheet.cell(row=1, column=column)._style = copy(first._style)
        for letter, width in zip("ABCDE", (5, 34, 21, 30, 8)):
            sheet.column_dimensions[letter].width = width
        for column in range(6, len(header) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 6
        sheet.freeze_panes = "F2"
    workbook.properties.creator = workshop.curriculum.organizer
    stamp = dt.datetime.combine(workshop.curriculum.first_date, dt.time())
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fix_core_dates(buffer.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
