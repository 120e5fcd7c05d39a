"""What each output unit is made from: the derived data the build cache keys a unit on.

A render kind asks :meth:`builder.render.BuildContext.reuse` whether a unit (one module's deck,
one printed test, the certificates ...) can be kept; the data it passes come from here and must
hold everything that unit's renderer reads, so a kept file can never be stale.
"""

from __future__ import annotations

from pathlib import Path

from builder.write.cache import file_hash, fingerprint

def module_assets(workshop, module) -> dict[str, str | None]:
    """The bytes' hashes of the images a module's sections show (paths relative to the module file)."""
    source = workshop.module_files.get(module.id)
    folder = source.parent if source else workshop.root / "modules"
    found = {}
    for section in getattr(module, "sections", None) or ():
        image = getattr(section, "image", None)
        if image is not None:
            found[image.path] = file_hash(folder / image.path)
    return found


def project_files(workshop) -> dict[str, str | None]:
    """Files the curriculum names besides rosters (logo, slide master): their hashes."""
    branding = getattr(workshop.curriculum, "branding", None)
    named = [getattr(branding, "logo", None), getattr(branding, "slides_template", None)] if branding else []
    return {name: file_hash(workshop.resolve(name)) for name in named if name}


def outline(workshop) -> tuple:
    """What every output may show of the workshop: the curriculum, module ids/titles/files, named files."""
    return (workshop.curriculum, workshop.id, str(workshop.root),
            [(m.id, m.title, str(workshop.module_files.get(m.id, ""))) for m in workshop.modules.values()],
            project_files(workshop))


def unit_inputs(workshop, name: str) -> tuple:
    """What the unit ``name`` of a per-module kind is made from: one module's, or ``"workshop"``: all of them."""
    return workshop_inputs(workshop) if name == "workshop" else module_inputs(workshop, name)


def module_inputs(workshop, module_id: str) -> tuple:
    """What a module's own outputs (deck, handout, guide, notebooks) are made from."""
    module = workshop.modules[module_id]
    return outline(workshop), module, module_assets(workshop, module)


def workshop_inputs(workshop) -> tuple:
    """What a file made from every module (handbook, workshop deck, quiz sheets) is made from."""
    return outline(workshop), [(m, module_assets(workshop, m)) for m in workshop.modules.values()]


def quiz_inputs(workshop, test) -> tuple:
    """What one printed test (its sheets and key) is made from: the outline and the modules it draws on."""
    used = dict.fromkeys(item.module.id for item in test.items)
    return (outline(workshop), test.scope, test.title, test.pool,
            [(workshop.modules[m], module_assets(workshop, workshop.modules[m])) for m in used])


def people_inputs(workshop) -> tuple:
    """What a file made from the roster is made from: the outline, the roster and attendance rows."""
    return outline(workshop), workshop.roster, workshop.attendance


def register_state(workshop) -> str | None:
    """The hash of the certificate register's bytes (numbers, versions, revocations, public keys)."""
    from builder.domain.register import register_path

    path = register_path(workshop.root, workshop.id)
    return fingerprint(file_hash(path), file_hash(Path(f"{path}-wal")))


def certificate_inputs(workshop) -> tuple:
    """What the certificates are made from: the people and the register as the build leaves it.

    The certificates kind itself issues numbers into the register, so the register's state is
    read when the build records the unit (a callable in the key), not before rendering.
    """
    return (*people_inputs(workshop), lambda: (register_state(workshop), signing_key_state(workshop)))


def signing_key_state(workshop) -> str | None:
    """The hash of the certificate signing key file (a restored or new key signs differently)."""
    from builder.domain.signing import key_path

    settings = workshop.curriculum.certificate
    return file_hash(key_path(workshop.root, settings.signing_key if settings else None)[0])
