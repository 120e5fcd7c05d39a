"""The slide master check: every layout and placeholder the slide renderer fills must be in the template.

Used by the curriculum check (``branding.slides_template``) and by the slides preflight, so a
master that lacks a layout is reported before any deck is written.
"""

from __future__ import annotations

from pathlib import Path

from builder.check.diagnostics import UserError, display_path

TITLE, TEXT, PICTURE, TABLE = "title", "text", "picture", "table"
FOOTER, SLIDE_NUMBER = "footer", "slide number"

# Every layout the renderer uses, with the placeholder indexes (and kinds) it fills.
LAYOUT_NEEDS: dict[str, dict[int, str]] = {
    "Judul": {0: TITLE, 1: TEXT, 13: TEXT},
    "Bagian": {0: TITLE, 1: TEXT},
    "Judul dan Isi": {0: TITLE, 1: TEXT},
    "Dua Kolom": {0: TITLE, 13: TEXT, 14: TEXT, 1: TEXT, 2: TEXT},
    "Gambar dan Keterangan": {0: TITLE, 1: PICTURE, 2: TEXT},
    "Tabel": {0: TITLE, 1: TABLE},
    "Kutipan": {0: TITLE, 1: TEXT, 13: TEXT},
    "Latihan": {0: TITLE, 1: TEXT, 13: TEXT, 14: TEXT},
    "Soal": {0: TITLE, 13: TEXT, 1: TEXT},
    "Agenda": {0: TITLE, 1: TEXT},
    "Penutup": {0: TITLE, 1: TEXT},
}


def _kind(placeholder) -> str:
    """The renderer's name for a placeholder's type."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kind = placeholder.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
        return TITLE
    if kind == PP_PLACEHOLDER.PICTURE:
        return PICTURE
    if kind == PP_PLACEHOLDER.TABLE:
        return TABLE
    if kind == PP_PLACEHOLDER.FOOTER:
        return FOOTER
    if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        return SLIDE_NUMBER
    return TEXT


def check_template(prs, path: Path) -> None:
    """Raise a UserError naming every layout and placeholder the renderer needs but ``prs`` lacks."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    problems = []
    missing = [name for name in LAYOUT_NEEDS if name not in layouts]
    if missing:
        problems.append("missing layout(s) " + ", ".join(f"'{n}'" for n in missing))
    for name, needs in LAYOUT_NEEDS.items():
        if name not in layouts:
            continue
        have = {ph.placeholder_format.idx: _kind(ph) for ph in layouts[name].placeholders}
        have = {idx: TEXT if kind in (FOOTER, SLIDE_NUMBER) else kind for idx, kind in have.items()}
        for idx, kind in needs.items():
            if idx not in have:
                problems.append(f"layout '{name}' has no placeholder idx {idx} ({kind})")
            elif have[idx] != kind:
                problems.append(f"layout '{name}' placeholder idx {idx} is a {have[idx]} placeholder, not {kind}")
    if problems:
        needs = "; ".join(f"{name}: idx {', '.join(str(i) for i in needs)}" for name, needs in LAYOUT_NEEDS.items())
        raise UserError(
            f"slide template {display_path(path)} cannot be used: {'; '.join(problems)}",
            "start from templates/slides.pptx and restyle it in PowerPoint (View > Slide Master), keeping the "
            f"layout names and placeholders ({needs}); or remove branding.slides_template",
        )
