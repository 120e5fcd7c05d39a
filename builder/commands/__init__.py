"""Extra CLI commands contributed by output kinds (one module each, exposing ``register(group)``)."""

from __future__ import annotations

import importlib
import pkgutil


def register(group) -> None:
    """Import every command module in this package and let it add its commands to ``group``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(group)
