"""The Workshop: a checked curriculum with the modules it uses and its people; what renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.model.curriculum import AgendaItem, Curriculum, Day
from builder.model.module import Module
from builder.model.people import Attendance, Roster


@dataclass(frozen=True)
class Workshop:
    """A checked curriculum with the modules it uses: the only thing renderers read."""

    curriculum: Curriculum
    modules: dict[str, Module]  # the modules used by the agenda, in agenda order
    root: Path
    module_files: dict[str, Path] = field(default_factory=dict)
    roster: "Roster | None" = None
    attendance: "Attendance | None" = None

    @property
    def id(self) -> str:
        """The workshop id (also its output folder name)."""
        return self.curriculum.id

    def sessions_of(self, module_id: str) -> list[tuple[Day, AgendaItem]]:
        """The agenda slots in which ``module_id`` is taught."""
        return [(d, i) for d, i in self.curriculum.sessions() if i.module == module_id]

    def resolve(self, relative: str) -> Path:
        """Resolve a path written in the curriculum (relative to the project root)."""
        return (self.root / relative).resolve()
