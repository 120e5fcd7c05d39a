"""Import arrows run one way: every module of ``builder/`` imports only the layers its stage may use.

The data flows sources -> check -> model -> domain -> render -> write, with the command line on
top and ``build.py`` orchestrating. In import terms (who may import whom):

* ``base`` (``check/diagnostics.py``, ``i18n.py``, ``resources.py``, ``checkers/``): the error
  vocabulary, labels, bundled files and the participants' stdlib checker; imports no other layer.
* ``model``: the values everything reads (Workshop, people, session plan, positions); base only.
* ``domain``: rules over the model (questions, quiz bank, scoring, certificate register); model.
* ``write``: the output side (staging folder, atomic files, reproducible zips, PDF, safe cells).
* ``check``: diagnostics over the model (schema, semantics, fonts, the slide master).
* ``sources``: the input side: reads YAML and tables into model values and runs the checks.
* ``render``: one module per output kind; reads the model and domain, writes through ``write``.
* ``build.py`` orchestrates all of them; ``cli/`` sits on top.

So the input side never imports the output side (or a renderer), and the model and domain never
import the files they were read from.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "builder"
BASE_MODULES = {"check/diagnostics.py", "i18n.py", "resources.py", "__init__.py"}
MAY_IMPORT = {
    "base": {"base"},
    "model": {"base", "model"},
    "domain": {"base", "model", "domain", "write"},
    "write": {"base", "write"},
    "check": {"base", "model", "check"},
    "sources": {"base", "model", "check", "sources"},
    "render": {"base", "model", "domain", "check", "sources", "render", "write"},
    "build": {"base", "model", "domain", "check", "sources", "render", "write", "build"},
    "cli": {"base", "model", "domain", "check", "sources", "render", "write", "build", "cli"},
}
# Known back edges owned by other work, each with the reason it is still there.
ALLOWED_FOR_NOW: dict[tuple[str, str], str] = {}


def layer_of(relative: str) -> str:
    """The layer of a file (``render/docx/blocks.py``) or module path (``render/docx/blocks``) of the package."""
    path = relative if relative.endswith(".py") else relative + ".py"
    top = path.split("/", 1)[0].removesuffix(".py")
    if path in BASE_MODULES or top == "checkers":
        return "base"
    return {"__main__": "cli"}.get(top, top)


def imported_modules(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    """``(line, dotted name)`` of every ``builder`` module the tree imports (relative imports resolved)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("builder.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = module.split(".")[: -node.level]
                name = ".".join(parent + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name == "builder" or name.startswith("builder."):
                found += [(node.lineno, f"{name}.{alias.name}" if name == "builder" else name) for alias in node.names]
    return sorted(set(found))


def target_layer(dotted: str) -> str | None:
    """The layer of an imported ``builder.x.y`` (None for the package itself)."""
    parts = dotted.split(".")[1:]
    if not parts:
        return None
    candidate = PACKAGE.joinpath(*parts)
    while parts and not (candidate.with_suffix(".py").is_file() or candidate.is_dir()):
        parts = parts[:-1]  # ``from builder.x import name``: the name is not a module
        candidate = PACKAGE.joinpath(*parts)
    return layer_of("/".join(parts)) if parts else None


def back_edges() -> list[str]:
    """Every import of a layer the importing module's layer may not use, as ``file:line: imports x``."""
    problems = []
    for file in sorted(PACKAGE.rglob("*.py")):
        relative = file.relative_to(PACKAGE).as_posix()
        source_layer = layer_of(relative)
        module = "builder." + relative.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for line, name in imported_modules(ast.parse(file.read_text(encoding="utf-8")), module):
            layer = target_layer(name)
            if layer is None or layer in MAY_IMPORT[source_layer]:
                continue
            if (relative, name) in ALLOWED_FOR_NOW:
                continue
            problems.append(f"builder/{relative}:{line}: {source_layer} imports {name} ({layer})")
    return problems


def test_imports_follow_the_data_flow():
    """No module imports a layer that comes after it (or a file reader from the model and domain)."""
    problems = back_edges()
    assert not problems, "imports against the flow:\n" + "\n".join(problems)


def test_every_file_has_a_known_layer():
    """A new top-level folder or file must be given a layer here before it can import anything."""
    layers = {layer_of(f.relative_to(PACKAGE).as_posix()) for f in PACKAGE.rglob("*.py")}
    assert layers <= set(MAY_IMPORT), layers - set(MAY_IMPORT)


def test_a_back_edge_is_reported_with_file_and_line(tmp_path, monkeypatch):
    """The check itself finds an import against the flow (a model module importing a renderer)."""
    fake = tmp_path / "builder"
    (fake / "model").mkdir(parents=True)
    (fake / "render").mkdir()
    (fake / "render" / "slides.py").write_text("X = 1\n")
    (fake / "model" / "bad.py").write_text("from __future__ import annotations\n\nfrom builder.render.slides import X\n")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert back_edges() == ["builder/model/bad.py:3: model imports builder.render.slides (render)"]
