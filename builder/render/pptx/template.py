"""The slide master: check that it has the layouts the decks use, apply the accent, read its box sizes once.

:func:`prepare_template` opens the master (``templates/slides.pptx`` or the curriculum's
``branding.slides_template``) one time per build and returns a :class:`Template`: the bytes every
deck is opened from, plus the size and insets of every layout placeholder, which is all the
fitting (:mod:`builder.render.pptx.fit`) needs to lay out a deck without opening it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from builder.check.diagnostics import UserError, display_path
from builder.check.slide_template import (  # noqa: F401 (re-exported for the slide modules)
    FOOTER, LAYOUT_NEEDS, SLIDE_NUMBER, LayoutFacts, _kind, check_layouts, check_template, layouts_of, read_layouts,
)
from builder.render.pptx.fit import DEFAULT_INSETS, Box, pt
from builder.resources import template_path

TEMPLATE = template_path("slides.pptx")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class Template:
    """A checked master: the boxes of its layout placeholders (in points) and, when asked, its bytes.

    ``data`` (the master with the accent applied, what each deck is opened from) is made on first
    use: laying decks out needs only the boxes, so ``workshop validate`` never builds it.
    """

    path: Path
    accent: str | None  # the theme's accent 1 to set, or None to keep the master's
    boxes: dict[tuple[str, int], Box] = field(default_factory=dict)  # (layout, idx) -> text area
    footers: dict[str, tuple[tuple[str, Box], ...]] = field(default_factory=dict)  # layout -> footer, number

    def box(self, layout: str, idx: int) -> Box:
        """The text area of placeholder ``idx`` of ``layout``."""
        return self.boxes[(layout, idx)]

    @cached_property
    def data(self) -> bytes:
        """The master's bytes with the accent applied."""
        from pptx import Presentation

        prs = Presentation(str(self.path))
        if self.accent is not None:
            set_accent(prs, self.accent)
        buffer = io.BytesIO()
        prs.save(buffer)
        return buffer.getvalue()


def read_boxes(layouts: tuple[LayoutFacts, ...]) -> tuple[dict[tuple[str, int], Box],
                                                          dict[str, tuple[tuple[str, Box], ...]]]:
    """The box of every layout placeholder (the first of each idx) and each layout's footer boxes, in points."""
    boxes: dict[tuple[str, int], Box] = {}
    footers: dict[str, tuple[tuple[str, Box], ...]] = {}
    for layout in layouts:
        found = []
        for placeholder in layout.placeholders:
            insets = tuple(DEFAULT_INSETS[i] if v is None else pt(v) for i, v in enumerate(placeholder.insets))
            box = Box(pt(placeholder.width), pt(placeholder.height), insets)
            boxes.setdefault((layout.name, placeholder.idx), box)
            if placeholder.kind in (FOOTER, SLIDE_NUMBER):
                found.append((placeholder.kind, box))
        footers.setdefault(layout.name, tuple(found))
    return boxes, footers


def prepare_template(workshop) -> Template:
    """Check the workshop's master (read once per file version) and note the accent colour to apply."""
    branding = workshop.curriculum.branding
    path = workshop.resolve(branding.slides_template) if branding.slides_template else TEMPLATE
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise UserError(f"cannot open slide template {display_path(path)}: {exc}",
                        "branding.slides_template must point at a PowerPoint .pptx file") from None
    boxes, footers = read_master(str(path), stat.st_mtime_ns, stat.st_size)
    accent = branding.accent if not branding.slides_template or "accent" in branding.model_fields_set else None
    return Template(Path(path), accent, boxes, footers)


@lru_cache(maxsize=8)
def read_master(path: str, _mtime_ns: int, _size: int) -> tuple[dict, dict]:
    """Open and check the master at ``path`` and read its boxes (cached while the file is unchanged)."""
    try:
        layouts = read_layouts(Path(path))
    except Exception:  # noqa: BLE001 - not a master this reader knows: python-pptx reads it, or says why not
        from pptx import Presentation

        try:
            layouts = layouts_of(Presentation(path))
        except Exception as exc:  # a missing file, or not a .pptx
            raise UserError(f"cannot open slide template {display_path(Path(path))}: {exc}",
                            "branding.slides_template must point at a PowerPoint .pptx file") from None
    check_layouts(layouts, Path(path))
    return read_boxes(layouts)


def set_accent(prs, colour: str) -> None:
    """Make ``colour`` (#RRGGBB) the theme's accent 1, which the master's bars and tables use."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        xml = part.blob.decode("utf-8")
        xml = re.sub(r"<a:accent1>.*?</a:accent1>", f'<a:accent1><a:srgbClr val="{colour.lstrip("#")}"/></a:accent1>',
                     xml, count=1, flags=re.S)
        part._blob = xml.encode("utf-8")
