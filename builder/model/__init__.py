"""The source model: pydantic classes for modules and curricula."""

from builder.model.curriculum import AgendaItem, CertificateSettings, Curriculum, Day
from builder.model.module import Exercise, Module, Section

__all__ = ["AgendaItem", "CertificateSettings", "Curriculum", "Day", "Exercise", "Module", "Section"]
