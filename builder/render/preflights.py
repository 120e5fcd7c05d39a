"""The preflights ``workshop validate`` runs, importing only the kind modules that have one.

A build process imports the kind modules it renders (:func:`builder.render.load_kinds`); ``workshop validate``
needs only the preflights, so it imports just :data:`PREFLIGHT_MODULES` and stays clear of
python-docx, docxtpl, openpyxl's writer and the other libraries the renderers use.
Preflights that need no renderer live here (the name-font checks of certificates and
attendance), so the kind modules that import python-docx at the top need not be loaded.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from builder.check.diagnostics import Diagnostic
from builder.i18n import Locale
from builder.model.workshop import Workshop
from builder.render import PREFLIGHTS, BuildContext, preflight
from builder.write.output import OutputDir

# Every module that registers a preflight, in build order (a test checks no kind module is missing).
PREFLIGHT_MODULES = ("builder.render.slides", "builder.render.notebooks", "builder.render.preflights")


def _name_fonts(ctx: BuildContext) -> list[Diagnostic]:
    """Warn about names and agencies with letters that no installed font prints."""
    from builder.check.fonts import coverage_diagnostics

    roster = ctx.workshop.roster
    return coverage_diagnostics(roster.people, roster.path) if roster is not None else []


check_certificate_fonts = preflight("certificates")(_name_fonts)
check_attendance_fonts = preflight("attendance")(_name_fonts)


def run_preflights(workshop: Workshop, locale: Locale, out_root: Path, strict: bool = False) -> list[Diagnostic]:
    """The findings of every kind's preflight on ``workshop``, kind by kind in build order."""
    for name in PREFLIGHT_MODULES:
        importlib.import_module(name)
    ctx = BuildContext(workshop, OutputDir(out_root), locale, strict)
    found: list[Diagnostic] = []
    for checks in list(PREFLIGHTS.values()):
        for check in checks:
            found.extend(check(ctx))
    return found
