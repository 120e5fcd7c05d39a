"""The response template (quizzes/responses-template.xlsx) organizers fill in with test answers.

One sheet per test whose columns match the printed answer sheets, plus a sheet of instructions;
:mod:`builder.sources.responses` reads the filled-in file back.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from builder.write.cells import safe_row
from builder.write.output import fix_core_dates


def response_template(workshop, tests) -> bytes:
    """An .xlsx with a sheet per test whose columns match the printed answer sheets, plus instructions."""
    workbook = Workbook()
    guide = workbook.active
    guide.title = "Petunjuk"
    lines = [
        "Isian jawaban pre-test dan post-test",
        workshop.curriculum.title,
        "",
        "Satu lembar kerja untuk setiap tes. Satu baris untuk setiap peserta.",
        "Varian: huruf varian yang tertulis di lembar soal (A, B, ...).",
        "Pilihan ganda: huruf jawaban (B). Jawaban lebih dari satu: semua huruf (AC).",
        "Benar/salah: B atau S. Menjodohkan: huruf untuk setiap nomor berurutan (CAB atau 1C 2A 3B).",
        "Mengurutkan: nomor-nomor dalam urutan jawaban (3142). Isian: jawaban singkat. Angka: bilangan.",
        "Kosongkan sel bila peserta tidak menjawab.",
        "Nilai dihitung dengan: workshop quiz score berkas-ini.xlsx",
    ]
    for line in lines:
        guide.append(safe_row([line]))
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 100
    fill = PatternFill("solid", fgColor="D9E2F3")
    for test, variants in tests:
        sheet = workbook.create_sheet(test.name[:31])
        count = len(variants[0].items)
        header = ["No", "Nama", "NIP", "Instansi", "Varian"] + [str(n) for n in range(1, count + 1)]
        sheet.append(header)
        for column in range(1, len(header) + 1):
            cell = sheet.cell(row=1, column=column)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center")
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
