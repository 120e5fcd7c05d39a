"""The registry of output kinds: each kind renders one sort of document from the Workshop model.

A kind is registered with :func:`output_kind`; the build runs the selected kinds in
registry order after everything has been loaded and checked.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Callable

from builder.i18n import Locale
from builder.project import Workshop
from builder.writer import OutputDir


@dataclass(frozen=True)
class BuildContext:
    """What a renderer gets: the checked workshop, the output folder, the locale and options."""

    workshop: Workshop
    out: OutputDir
    locale: Locale
    strict: bool = False
    progress: Callable[[str], None] = lambda message: None


@dataclass(frozen=True)
class OutputKind:
    """A named output kind: what it writes, the function that renders it, what it needs."""

    name: str
    produces: str
    render: Callable[[BuildContext], None]
    requires: tuple[str, ...] = ()
    install_hint: str = ""

    def missing_requirements(self) -> list[str]:
        """Python modules this kind needs that are not importable."""
        return [name for name in self.requires if importlib.util.find_spec(name) is None]


REGISTRY: dict[str, OutputKind] = {}

# Modules that register output kinds, in build order.
KIND_MODULES = (
    "builder.outputs.agenda",
    "builder.outputs.slides",
    "builder.outputs.handouts",
    "builder.outputs.quizzes",
    "builder.outputs.notebooks",
    "builder.outputs.certificates",
    "builder.outputs.attendance",
    "builder.outputs.site",
)


def output_kind(name: str, produces: str, requires: tuple[str, ...] = (), install_hint: str = ""):
    """Decorator registering ``render(ctx)`` as the output kind ``name``."""

    def register(render: Callable[[BuildContext], None]) -> Callable[[BuildContext], None]:
        REGISTRY[name] = OutputKind(name, produces, render, requires, install_hint)
        return render

    return register


def load_kinds() -> dict[str, OutputKind]:
    """Import every kind module that exists and return the registry in build order (KIND_MODULES order)."""
    for module_name in KIND_MODULES:
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name)
    position = {name: index for index, name in enumerate(KIND_MODULES)}
    registered = list(REGISTRY.values())
    ordered = sorted(registered, key=lambda k: (position.get(k.render.__module__, len(position)), registered.index(k)))
    REGISTRY.clear()
    REGISTRY.update((kind.name, kind) for kind in ordered)
    return REGISTRY
