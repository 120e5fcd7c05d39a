"""The registry of output kinds: each kind renders one sort of document from the Workshop model.

A kind is registered with :func:`output_kind`. A build has three phases (the Sphinx builder
shape): the sources are loaded and checked; the **preflight** of every selected kind (registered
with :func:`preflight`) checks everything that could still fail while rendering, before any file
is written; then the kinds render, in registry order, into a staging folder that replaces the
output only when every kind succeeded. ``workshop validate`` runs the same preflights.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from builder.check.diagnostics import Diagnostic
from builder.i18n import Locale
from builder.model.workshop import Workshop
from builder.write.output import OutputDir


@dataclass(frozen=True)
class BuildContext:
    """What a renderer gets: the checked workshop, the output folder, the locale and options."""

    workshop: Workshop
    out: OutputDir
    locale: Locale
    strict: bool = False
    progress: Callable[[str], None] = lambda message: None
    prepared: dict[Any, Any] = field(default_factory=dict)  # work a preflight did for the render to reuse
    # ``finish(committed)`` callbacks a renderer leaves for after the staging swap (e.g. writing the
    # certificate numbers it planned into the register): run with True once the new output is in
    # place, with False when the build is abandoned.
    finishers: list[Callable[[bool], None]] = field(default_factory=list)
    units: Any = None  # a builder.write.cache.UnitCache when the build may keep unchanged outputs

    def finish(self, committed: bool) -> None:
        """Run every finisher once (all of them, even when one fails; the first failure is raised after)."""
        failure: BaseException | None = None
        while self.finishers:
            try:
                self.finishers.pop(0)(committed)
            except BaseException as error:  # noqa: BLE001 - re-raised after the other finishers ran
                failure = failure or error
        if failure is not None:
            raise failure

    def reuse(self, kind: str, name: str, *data: Any) -> bool:
        """Start unit ``kind:name`` made from ``data``; True when its previous files are kept as they are.

        ``data`` must hold everything the unit's renderer reads (see :mod:`builder.write.cache`);
        files written and notes made until the next ``reuse`` belong to the unit.
        """
        return self.units is not None and self.units.reuse(kind, name, (self.locale.language, *data), self.out)

    def is_fresh(self, kind: str, name: str, *data: Any) -> bool:
        """True when unit ``kind:name`` will be kept (a preflight can skip the work for it)."""
        return self.units is not None and self.units.is_fresh(f"{kind}:{name}", (self.locale.language, *data),
                                                              self.out.root)


@dataclass(frozen=True)
class OutputKind:
    """A named output kind: what it writes, the function that renders it, what it needs."""

    name: str
    produces: str
    render: Callable[[BuildContext], None]
    requires: tuple[str, ...] = ()
    install_hint: str = ""

    def preflight(self, ctx: BuildContext) -> list[Diagnostic]:
        """Everything that could make this kind fail while writing, found without writing anything."""
        missing = self.missing_requirements()
        if missing:
            return [Diagnostic("", 0, 0, "error", "", f"output kind '{self.name}' needs {', '.join(missing)}",
                               "kind.requires", self.install_hint or f"pip install {' '.join(missing)}")]
        found: list[Diagnostic] = []
        for check in PREFLIGHTS.get(self.name, ()):
            found.extend(check(ctx))
        return found

    def warm_up(self, ctx: BuildContext) -> None:
        """Start this kind's slow background work (e.g. a kernel boot) before a worker renders its other kinds."""
        for start in WARM_UPS.get(self.name, ()):
            start(ctx)

    def has_warm_up(self) -> bool:
        """True when this kind starts background work in its worker (it is not handed to another process)."""
        return bool(WARM_UPS.get(self.name))

    def missing_requirements(self) -> list[str]:
        """Python modules this kind needs that are not importable."""
        return [name for name in self.requires if importlib.util.find_spec(name) is None]


REGISTRY: dict[str, OutputKind] = {}
PREFLIGHTS: dict[str, list[Callable[[BuildContext], Iterable[Diagnostic]]]] = {}
# Run by a crew worker as it begins rendering (see builder/render/parallel.py); each may leave what it
# started in ``ctx.prepared`` for the kind's render, which must also clean it up.
WARM_UPS: dict[str, list[Callable[[BuildContext], None]]] = {}

# Every output kind in build order, with the module that registers it: a build imports a kind's
# module (and the libraries it renders with) only in the process that renders that kind.
KINDS = {
    "agenda": "builder.render.agenda",
    "slides": "builder.render.slides",
    "handouts": "builder.render.handouts",
    "guides": "builder.render.handouts",
    "handbook": "builder.render.handouts",
    "quizzes": "builder.render.quizzes",
    "notebooks": "builder.render.notebooks",
    "certificates": "builder.render.certificates",
    "attendance": "builder.render.attendance",
    "site": "builder.render.site",
}
KIND_MODULES = tuple(dict.fromkeys(KINDS.values()))


def output_kind(name: str, produces: str, requires: tuple[str, ...] = (), install_hint: str = ""):
    """Decorator registering ``render(ctx)`` as the output kind ``name``."""

    def register(render: Callable[[BuildContext], None]) -> Callable[[BuildContext], None]:
        REGISTRY[name] = OutputKind(name, produces, render, requires, install_hint)
        return render

    return register


def preflight(name: str):
    """Decorator registering ``check(ctx) -> diagnostics`` as a preflight of the output kind ``name``."""

    def register(check: Callable[[BuildContext], Iterable[Diagnostic]]):
        PREFLIGHTS.setdefault(name, []).append(check)
        return check

    return register


def warm_up(name: str):
    """Decorator registering ``start(ctx)`` as a warm-up of the output kind ``name``."""

    def register(start: Callable[[BuildContext], None]):
        WARM_UPS.setdefault(name, []).append(start)
        return start

    return register


def load_kinds(names: Iterable[str] | None = None) -> dict[str, OutputKind]:
    """Import the modules of the kinds ``names`` (default: every kind) and return the registry in build order.

    The registry holds every kind imported so far in this process, ordered as :data:`KINDS`.
    """
    wanted = KIND_MODULES if names is None else dict.fromkeys(KINDS[name] for name in names if name in KINDS)
    for module_name in wanted:
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name)
    position = {name: index for index, name in enumerate(KINDS)}
    registered = list(REGISTRY.values())
    ordered = sorted(registered, key=lambda k: (position.get(k.name, len(position)), registered.index(k)))
    REGISTRY.clear()
    REGISTRY.update((kind.name, kind) for kind in ordered)
    return REGISTRY
