"""The trainer guide's session plan: a module's sections and exercises timed into its agenda slots.

Exercises follow the last section teaching one of their objectives; slots that list
``sections`` get those sections, otherwise activities fill the slots in order; sections without
``minutes`` share the time their slot has left. The trainer guide (:mod:`builder.render.guide`)
prints the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.model.curriculum import AgendaItem, Day
from builder.model.module import Exercise, Module, Section
from builder.model.workshop import Workshop


@dataclass(frozen=True)
class PlanRow:
    """One timed activity of a session slot."""

    title: str
    minutes: int
    start: dt.time
    end: dt.time
    objectives: tuple[str, ...]
    estimated: bool = False
    exercise: bool = False


@dataclass(frozen=True)
class SlotPlan:
    """The activities planned in one agenda slot."""

    day_number: int
    day: Day
    item: AgendaItem
    rows: tuple[PlanRow, ...]

    @property
    def planned(self) -> int:
        """Minutes of the activities in this slot."""
        return sum(row.minutes for row in self.rows)


@dataclass(frozen=True)
class SessionPlan:
    """A module's activities spread over its agenda slots."""

    slots: tuple[SlotPlan, ...]
    available: int  # minutes of the agenda slots
    known: int  # minutes written in the module
    estimated: int  # number of sections without minutes

    @property
    def planned(self) -> int:
        """Minutes of every planned activity."""
        return sum(slot.planned for slot in self.slots)

    @property
    def matches(self) -> bool:
        """True when the activities fill every agenda slot exactly."""
        return self.planned == self.available


def activity_order(module: Module) -> list[Section | Exercise]:
    """Sections in order, each exercise right after the last section teaching one of its objectives."""
    after: dict[int, list[Exercise]] = {}
    for exercise in module.exercises:
        anchor = len(module.sections) - 1
        for index, section in enumerate(module.sections):
            if set(section.objectives) & set(exercise.objectives):
                anchor = index
        after.setdefault(anchor, []).append(exercise)
    order: list[Section | Exercise] = []
    for index, section in enumerate(module.sections):
        order.append(section)
        order.extend(after.get(index, []))
    return order


def _add_minutes(time: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(minutes=minutes)
    return moment.time()


def session_plan(workshop: Workshop, module: Module) -> SessionPlan:
    """Spread the module's sections and exercises over its agenda slots with clock times.

    Slots that list ``sections`` get those sections (and the exercises that follow them);
    otherwise activities fill the slots in order. Sections without ``minutes`` share the time
    their slot has left (at least 5 minutes each) and are marked as estimated.
    """
    slots = workshop.sessions_of(module.id)
    order = activity_order(module)
    known = sum(a.minutes or 0 for a in order)
    estimated = sum(1 for a in order if a.minutes is None)
    assignment = _assign(slots, order, {id(a): a.minutes or 0 for a in order})
    day_numbers = {day.date: n for n, day in enumerate(workshop.curriculum.days, start=1)}
    plans = []
    for index, (day, item) in enumerate(slots):
        activities = assignment[index]
        share = _share(item.minutes - sum(a.minutes or 0 for a in activities),
                       [a for a in activities if a.minutes is None])
        clock, rows = item.start, []
        for activity in activities:
            minutes = activity.minutes if activity.minutes is not None else share[id(activity)]
            end = _add_minutes(clock, minutes)
            rows.append(PlanRow(activity.title, minutes, clock, end, tuple(activity.objectives),
                                estimated=activity.minutes is None, exercise=isinstance(activity, Exercise)))
            clock = end
        plans.append(SlotPlan(day_numbers.get(day.date, 1), day, item, tuple(rows)))
    return SessionPlan(tuple(plans), sum(item.minutes for _d, item in slots), known, estimated)


def _share(left: int, unknown: list) -> dict[int, int]:
    """Split ``left`` minutes between the activities without minutes (at least 5 each)."""
    if not unknown:
        return {}
    base, extra = divmod(max(left, 5 * len(unknown)), len(unknown))
    return {id(a): base + (1 if n < extra else 0) for n, a in enumerate(unknown)}


def _assign(slots, order, minutes_of) -> list[list]:
    """Which activities go into which slot."""
    buckets: list[list] = [[] for _ in slots]
    if not slots:
        return buckets
    listed = {sid: n for n, (_d, item) in enumerate(slots) for sid in (item.sections or [])}
    if listed:
        free = [n for n, (_d, item) in enumerate(slots) if not item.sections] or [len(slots) - 1]
        current = None
        for activity in order:
            if isinstance(activity, Section):
                current = listed.get(activity.id, free[0])
            buckets[current if current is not None else free[0]].append(activity)
        return buckets
    index, used = 0, 0
    for activity in order:
        minutes = minutes_of[id(activity)]
        if used and used + minutes > slots[index][1].minutes and index < len(slots) - 1:
            index, used = index + 1, 0
        buckets[index].append(activity)
        used += minutes
    return buckets
