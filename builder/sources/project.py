"""Find a project, load its modules and curricula, and assemble the checked Workshop model."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path
from typing import Iterator

from builder.check.semantic import check_curriculum, check_module
from builder.model.context import build_context, check_setting, render_module
from builder.model.workshop import Workshop
from builder.check.diagnostics import Report, UserError, display_path
from builder.model.curriculum import Curriculum
from builder.model.module import Module
from builder.model.people import Attendance, Roster
from builder.sources.roster import load_attendance, load_roster
from builder.check.schema import validate
from builder.model.located import Located
from builder.sources.yamlfile import YamlLoadError, load



def find_root(start: Path | None = None) -> Path:
    """Return the project folder: the nearest parent with ``curriculum/`` and ``modules/``, else ``start`` itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return here


def is_project(folder: Path) -> bool:
    """True when ``folder`` holds a workshop project (``curriculum/`` and ``modules/``)."""
    return (folder / "curriculum").is_dir() and (folder / "modules").is_dir()


def default_curriculum(root: Path) -> Path:
    """The curriculum ``workshop build`` uses without an argument.

    ``[tool.workshop] default`` in the project's pyproject.toml names it; otherwise the only
    file in ``curriculum/`` is used.
    """
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        config = _workshop_config(pyproject)
        if "default" in config:
            return root / config["default"]
    candidates = sorted((root / "curriculum").glob("*.yaml"))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UserError(f"no curriculum found in {display_path(root / 'curriculum')}",
                        "create one with `workshop new curriculum ID`")
    raise UserError(
        f"{len(candidates)} curricula in {display_path(root / 'curriculum')}; say which one to build",
        f"e.g. `workshop build {display_path(candidates[0])}` or set [tool.workshop] default in pyproject.toml",
    )


def _workshop_config(pyproject: Path) -> dict:
    """The ``[tool.workshop]`` table of the project's pyproject.toml; a broken file is a located error."""
    import re
    import tomllib

    where = display_path(pyproject)
    try:
        data = tomllib.loads(pyproject.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = found.groups() if found else ("1", "1")
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise UserError(f"{where}:{line}:{column}: not valid TOML: {message}",
                        "fix pyproject.toml, or remove its [tool.workshop] table and name the curriculum") from None
    config = data.get("tool", {}).get("workshop", {}) if isinstance(data.get("tool"), dict) else {}
    default = config.get("default") if isinstance(config, dict) else None
    if default is not None and not isinstance(default, str):
        raise UserError(f"{where}: [tool.workshop] default must be a path such as 'curriculum/x.yaml'",
                        "write default = \"curriculum/<id>.yaml\"")
    return {"default": default} if default else {}


def _load_located(path: Path, report: Report, shared: bool = False) -> Located | None:
    """Load one YAML file, recording a load failure in ``report`` (``shared``: see :func:`load`)."""
    try:
        return load(path, shared)
    except YamlLoadError as exc:
        report.add(exc.diagnostic)
        return None


def load_module(path: Path, report: Report, context: dict | None = None, source: str = "") -> Module | None:
    """Load, validate and check one module file set in ``context`` (None: placeholders only checked)."""
    located = _load_located(path, report, shared=True)  # only read: render_module builds a new tree from it
    if located is None:
        return None
    located, problems = render_module(located, context, source)
    report.extend(problems)
    module, diagnostics = validate(Module, located)
    report.extend(diagnostics)
    if module is not None:
        report.extend(check_module(module, located))
        module = module.with_source(located.positions())
    return module


def load_modules(folder: Path, report: Report,
                 found: dict[Path, list] | None = None) -> tuple[dict[str, Module], dict[str, Path]]:
    """Load every ``*.yaml`` module in ``folder`` (sorted by file name).

    ``found`` (when given) receives each file's own diagnostics, so a caller that reports on the
    same files need not check them again.
    """
    modules: dict[str, Module] = {}
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        own = Report()
        module = load_module(path, own)
        report.extend(own.items)
        if found is not None:
            found[path] = own.items
        if module is not None and module.id not in modules:
            modules[module.id] = module
            files[module.id] = path
    return modules, files


def broken_modules(folder: Path, modules: dict[str, Module]) -> frozenset[str]:
    """Names (file stems) of module files in ``folder`` that did not load."""
    return frozenset(p.stem for p in folder.glob("*.yaml")) - set(modules)


def load_curriculum(path: Path, modules: dict[str, Module], root: Path, report: Report) -> Curriculum | None:
    """Load, validate and check a curriculum against the known modules."""
    located = _load_located(path, report)
    if located is None:
        return None
    curriculum, diagnostics = validate(Curriculum, located)
    report.extend(diagnostics)
    if curriculum is not None:
        report.extend(check_curriculum(curriculum, located, modules, root, broken_modules(root / "modules", modules)))
        report.extend(check_setting(curriculum, located))
        curriculum = curriculum.with_source(located.positions())
    return curriculum


def set_modules(curriculum: Curriculum, path: Path, files: dict[str, Path], report: Report) -> dict[str, Module]:
    """Load the modules the agenda uses again, set in this curriculum's context, options shuffled."""
    context = build_context(curriculum)
    used: dict[str, Module] = {}
    for _day, item in curriculum.sessions():
        if item.module and item.module not in used and item.module in files:
            local = Report()
            module = load_module(files[item.module], local, context, display_path(path))
            report.extend(d for d in local.items if d.severity == "error")
            if module is not None:
                used[item.module] = module.with_shuffled_options()
    return used


def load_workshop(curriculum_path: Path | None = None, strict: bool = False) -> tuple[Workshop | None, Report]:
    """Load a curriculum and the project's modules; return the Workshop (None on errors) and the report."""
    with cycle_collector_paused():
        return _load_workshop(curriculum_path, strict)


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector (as it was, afterwards): what loading makes lives on, collecting it is waste.

    With the collector on, loading a workshop after the renderers are imported paid for a full
    collection of the heap and ~140 small ones (~20% of the load's CPU).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load_workshop(curriculum_path: Path | None, strict: bool) -> tuple[Workshop | None, Report]:
    """:func:`load_workshop`, the collector paused."""
    report = Report(strict=strict)
    if curriculum_path is None:
        root = find_root()
        curriculum_path = default_curriculum(root)
    else:
        curriculum_path = Path(curriculum_path)
        root = find_root(curriculum_path.resolve().parent)
        if not is_project(root) and curriculum_path.resolve().parent.name == "curriculum":
            root = curriculum_path.resolve().parent.parent
    modules, files = load_modules(root / "modules", report)
    curriculum = load_curriculum(curriculum_path, modules, root, report)
    if curriculum is None or report.errors:
        return None, report
    used = set_modules(curriculum, curriculum_path, files, report)
    if report.errors:
        return None, report
    roster, attendance = load_people(curriculum, root, report)
    if report.errors:
        return None, report
    workshop = Workshop(curriculum, used, root, {k: files[k] for k in used}, roster, attendance)
    return workshop, report


def load_people(curriculum: Curriculum, root: Path, report: Report) -> tuple[Roster | None, Attendance | None]:
    """Read the curriculum's roster and attendance files (when named and present), reporting bad rows."""
    roster = attendance = None
    if _readable(root, curriculum.roster):
        roster, diagnostics = load_roster((root / curriculum.roster).resolve())
        report.extend(diagnostics)
    if roster is not None and _readable(root, curriculum.attendance):
        attendance, diagnostics = load_attendance((root / curriculum.attendance).resolve(), curriculum, roster)
        report.extend(diagnostics)
    return roster, attendance


def _readable(root: Path, relative: str | None) -> bool:
    """True when a file named in the curriculum exists inside the project folder (checks report the rest)."""
    if not relative:
        return False
    target = root / relative
    try:
        return target.is_file() and target.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def validate_paths(paths: list[Path], strict: bool = False,
                   workshops: list[Workshop] | None = None) -> Report:
    """Validate the given module/curriculum files or folders without building anything.

    Every curriculum that loads without errors is assembled into a Workshop and appended to
    ``workshops`` (when given) for the output kinds' preflight.
    """
    report = Report(strict=strict)
    root = find_root(paths[0].resolve() if paths else None)
    checked: dict[Path, list] = {}  # each module file is loaded and checked once
    modules, files = load_modules(root / "modules", Report(), checked)
    targets: list[Path] = []
    for path in paths or [root / "modules", root / "curriculum"]:
        targets.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    for path in targets:
        is_curriculum = path.resolve().parent.name == "curriculum"
        if not is_curriculum and path.exists():
            try:
                is_curriculum = "days" in (load(path).data or {})
            except YamlLoadError:
                pass
        if is_curriculum:
            before = len(report.errors)
            curriculum = load_curriculum(path, modules, root, report)
            if curriculum is not None:
                roster, attendance = load_people(curriculum, root, report)
                used = set_modules(curriculum, path, files, report)
                if len(report.errors) == before and workshops is not None:
                    workshops.append(Workshop(curriculum, used, root, {k: files[k] for k in used}, roster, attendance))
        elif path in checked:
            report.extend(checked[path])
        else:
            load_module(path, report)
    return report
