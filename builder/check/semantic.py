"""Semantic checks that pydantic's per-field validation cannot express (ids, references, agenda)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Iterator

from builder.check.diagnostics import Diagnostic
from builder.checkers.pemeriksa import CHECKERS
from builder.model.curriculum import Curriculum
from builder.model.module import Module
from builder.model.located import Located

KNOWN_CHECKERS = tuple(CHECKERS)


def check_module(module: Module, located: Located) -> Iterator[Diagnostic]:
    """Yield problems inside one module: duplicate ids, dangling objective ids, empty pools, assets."""
    if located.file.stem != module.id:
        yield located.diagnostic(("id",), f"id '{module.id}' does not match the file name '{located.file.name}'", "id.filename")
    yield from _duplicate_ids(located, "objectives", [o.id for o in module.objectives])
    yield from _duplicate_ids(located, "sections", [s.id for s in module.sections])
    yield from _duplicate_ids(located, "exercises", [e.id for e in module.exercises])
    yield from _duplicate_ids(located, "quiz", [q.id for q in module.quiz])
    objective_ids = [o.id for o in module.objectives]
    covered: set[str] = set()
    for index, question in enumerate(module.quiz):
        covered.add(question.objective)
        if question.objective not in objective_ids:
            yield located.diagnostic(
                ("quiz", index, "objective"),
                f"'{question.objective}' is not an objective of this module ({', '.join(objective_ids)})",
                "quiz.objective",
            )
    for index, exercise in enumerate(module.exercises):
        for position, objective in enumerate(exercise.objectives):
            covered.add(objective)
            if objective not in objective_ids:
                yield located.diagnostic(
                    ("exercises", index, "objectives", position),
                    f"'{objective}' is not an objective of this module ({', '.join(objective_ids)})",
                    "exercise.objective",
                )
        yield from _check_exercise_checker(located, index, exercise)
    for index, section in enumerate(module.sections):
        for position, objective in enumerate(section.objectives):
            if objective not in objective_ids:
                yield located.diagnostic(
                    ("sections", index, "objectives", position),
                    f"'{objective}' is not an objective of this module ({', '.join(objective_ids)})",
                    "section.objective",
                )
    for index, objective in enumerate(module.objectives):
        if objective.id not in covered:
            yield located.diagnostic(
                ("objectives", index), f"objective '{objective.id}' is not assessed by any quiz item or exercise",
                "objective.uncovered", severity="warning",
            )
    if module.quiz:
        for pool in ("pre", "post"):
            if not module.questions(pool):
                yield located.diagnostic(("quiz",), f"no quiz item is usable in the {pool}-test pool", "quiz.empty-pool")
    for index, section in enumerate(module.sections):
        if not section.image:
            continue
        target = located.file.parent / section.image.path
        where = ("sections", index, "image", "path")
        if not _inside(target, located.file.parent.parent):
            yield located.diagnostic(where, f"image '{section.image.path}' points outside the project folder",
                                     "path.outside", hint="put images in modules/assets/ and write e.g. assets/bagan.png")
        elif not target.is_file():
            yield located.diagnostic(where, f"image '{section.image.path}' not found", "asset.missing")
        elif problem := image_problem(target):
            yield located.diagnostic(where, f"image '{section.image.path}' {problem}", "asset.image")


def _check_exercise_checker(located: Located, index: int, exercise) -> Iterator[Diagnostic]:
    """Notebook exercises need a known checker."""
    if exercise.mode in ("notebook", "both") and exercise.check is None:
        yield located.diagnostic(
            ("exercises", index, "mode"), f"exercise '{exercise.id}' is done in a notebook but has no check",
            "exercise.check-missing",
        )
    if exercise.check is not None and exercise.check.checker not in KNOWN_CHECKERS:
        close = difflib.get_close_matches(exercise.check.checker, KNOWN_CHECKERS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known checkers: {', '.join(KNOWN_CHECKERS)}"
        yield located.diagnostic(
            ("exercises", index, "check", "checker"), f"unknown checker '{exercise.check.checker}'",
            "exercise.checker", hint=hint,
        )


def _duplicate_ids(located: Located, key: str, ids: list[str]) -> Iterator[Diagnostic]:
    """Report every repeated id in the list under ``key``."""
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            line = located.position((key, first[item_id], "id"))[0]
            yield located.diagnostic(
                (key, index, "id"), f"duplicate id '{item_id}' (first used on line {line})", "id.duplicate"
            )
        else:
            first[item_id] = index


def check_curriculum(curriculum: Curriculum, located: Located, modules: dict[str, Module],
                     root: Path, broken: frozenset[str] = frozenset()) -> Iterator[Diagnostic]:
    """Yield problems of a curriculum: day order, agenda times and overlaps, module ids, files."""
    if located.file.stem != curriculum.id:
        yield located.diagnostic(("id",), f"id '{curriculum.id}' does not match the file name '{located.file.name}'", "id.filename")
    seen: dict = {}
    for index, day in enumerate(curriculum.days):
        if day.date in seen:
            yield located.diagnostic(("days", index, "date"),
                                     f"{day.date.isoformat()} is listed twice (also days[{seen[day.date]}])", "days.duplicate")
        elif index and day.date < curriculum.days[index - 1].date:
            yield located.diagnostic(("days", index, "date"),
                                     f"{day.date.isoformat()} comes before the previous day {curriculum.days[index - 1].date.isoformat()}",
                                     "days.order")
        seen.setdefault(day.date, index)
        yield from _check_day_items(curriculum, located, index, modules, broken)
    for path, value in (((key,), getattr(curriculum, key)) for key in ("roster", "attendance")):
        yield from _check_named_file(located, path, value, root, image=False)
    for key in ("logo", "slides_template"):
        yield from _check_named_file(located, ("branding", key), getattr(curriculum.branding, key), root,
                                     image=key == "logo")


def _check_named_file(located: Located, path: tuple, value: str | None, root: Path, image: bool) -> Iterator[Diagnostic]:
    """A file named in a curriculum must exist inside the project folder (and be an image, for logos)."""
    if not value:
        return
    what = path[-1].replace("_", " ")
    target = root / value
    hint = "put the file there or correct the path (relative to the project folder)"
    if not _inside(target, root):
        yield located.diagnostic(path, f"{what} '{value}' points outside the project folder", "path.outside")
    elif target.is_dir():
        yield located.diagnostic(path, f"{what} '{value}' is a folder, not a file", "asset.missing", hint=hint)
    elif not target.is_file():
        yield located.diagnostic(path, f"{what} file '{value}' not found" if what in ("roster", "attendance")
                                 else f"{what} '{value}' not found", "asset.missing", hint=hint)
    elif image and (problem := image_problem(target)):
        yield located.diagnostic(path, f"{what} '{value}' {problem}", "asset.image")
    elif path[-1] == "slides_template" and (problem := template_problem(target)):
        yield located.diagnostic(path, f"{what} '{value}' {problem}", "asset.template")


def _inside(target: Path, root: Path) -> bool:
    """True when ``target`` (following links) lies inside ``root``."""
    try:
        target.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def template_problem(path: Path) -> str | None:
    """Why ``path`` cannot serve as the slide master, or None when it can."""
    from builder.check.diagnostics import UserError
    from builder.check.slide_template import check_layouts, layouts_of, read_layouts

    try:
        layouts = read_layouts(path)
    except Exception:  # noqa: BLE001 - not a master this reader knows: python-pptx reads it, or says why not
        from pptx import Presentation

        try:
            layouts = layouts_of(Presentation(str(path)))
        except Exception as error:  # python-pptx fails in many ways on files that are not .pptx
            return f"is not a PowerPoint .pptx file ({type(error).__name__})"
    try:
        check_layouts(layouts, path)
    except UserError as error:
        return "cannot be used: " + error.message.split(" cannot be used: ", 1)[-1]
    return None


IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")


def image_problem(path: Path) -> str | None:
    """Why ``path`` cannot be placed in a document as a picture, or None when it can."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return "is not a readable image file"
    if kind not in IMAGE_FORMATS:
        return f"is a {kind} image, which documents cannot show"
    return None


def _check_day_items(curriculum: Curriculum, located: Located, day_index: int,
                     modules: dict[str, Module], broken: frozenset[str]) -> Iterator[Diagnostic]:
    """Check the agenda items of one day."""
    day = curriculum.days[day_index]
    previous = None
    for index, item in enumerate(day.items):
        path = ("days", day_index, "items", index)
        if item.end <= item.start:
            yield located.diagnostic(path + ("end",),
                                     f"ends at {item.end:%H.%M}, not after it starts at {item.start:%H.%M}",
                                     "agenda.time-order")
            continue
        if previous is not None and item.start < previous[1].end:
            yield located.diagnostic(
                path + ("start",),
                f"starts at {item.start:%H.%M}, before items[{previous[0]}] ends at {previous[1].end:%H.%M}",
                "agenda.overlap",
            )
        if previous is None or item.end > previous[1].end:
            previous = (index, item)
        if item.kind == "session":
            yield from _check_session(located, path, item, modules, broken)


def _check_session(located: Located, path: tuple, item, modules: dict[str, Module],
                   broken: frozenset[str]) -> Iterator[Diagnostic]:
    """A session must name a known module and known sections of it."""
    if item.module is None:
        yield located.diagnostic(path + ("kind",), "a session has no module", "agenda.module-missing")
        return
    if item.module in broken and item.module not in modules:
        yield located.diagnostic(path + ("module",), f"module '{item.module}' has errors (see its file)",
                                 "agenda.module-invalid")
        return
    module = modules.get(item.module)
    if module is None:
        close = difflib.get_close_matches(item.module, sorted(modules), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known modules: {', '.join(sorted(modules)) or 'none'}"
        yield located.diagnostic(path + ("module",), f"unknown module '{item.module}'", "agenda.unknown-module", hint=hint)
        return
    section_ids = [s.id for s in module.sections]
    for position, section_id in enumerate(item.sections or []):
        if section_id not in section_ids:
            close = difflib.get_close_matches(section_id, section_ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
            yield located.diagnostic(path + ("sections", position),
                                     f"module '{module.id}' has no section '{section_id}'", "agenda.unknown-section", hint=hint)
