"""Session folders for the benchmarks: many small sessions, or one large one."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

from tui_roadmap.files.documents import from_tables
from tui_roadmap.files.storage import parse
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop.model import EFFORTS, PRIORITIES, Idea, Workshop, new_workshop
from tui_roadmap.workshop.timeframe import Timeframe
from tui_roadmap.workshop.vote import add_dot, winners

NOW = datetime(2026, 11, 22, 10, 30)
WORDS = (
    "virtual try-on onboarding quiz referral rewards weather outfit wardrobe import partner stores premium "
    "plan stylist chats share looks size recommendation dark mode accessibility localize creator program "
    "packing lists support chat sustainability score"
).split()


def sample() -> Workshop:
    raw = (resources.files("tui_roadmap") / "data" / "fabrikam-h1-2027.json").read_bytes()
    return from_tables(parse(raw))


def big_workshop(ideas: int, step: str = "goals") -> Workshop:
    """A workshop with ``ideas`` ideas, voted on and partly placed."""
    rng = random.Random(ideas)
    workshop = new_workshop("Big", NOW)
    workshop.set_timeframe(Timeframe.parse("2027-Q1 to 2027-Q4"))
    for title in ("Acquire new customers", "Increase engagement", "Start earning revenue"):
        workshop.add_goal(title, "a metric the room agreed on")
    for name in ("Priya", "Marcus", "Lena", "Tom", "Aisha", "Dana"):
        workshop.add_participant(name)
    goal_ids = [None] + [goal.id for goal in workshop.goals]
    workshop.ideas = [
        Idea(n, " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" ({n})", rng.choice(goal_ids), "Tom")
        for n in range(1, ideas + 1)
    ]
    workshop.set_voters(min(200, max(6, ideas // 6)))
    workshop.set_dots_each(4)
    for _ in range(min(ideas, 4 * workshop.vote.voters) - 1):
        add_dot(workshop, rng.choice(workshop.ideas).id)
    for ranked in winners(workshop)[:20]:
        workshop.place(ranked.idea.id, rng.choice(workshop.timeframe.columns))
        workshop.set_priority(ranked.idea.id, rng.choice(PRIORITIES))
        workshop.set_effort(ranked.idea.id, rng.choice(EFFORTS))
    workshop.set_step(step)
    return workshop


def write_sessions(folder: Path, count: int, big: Workshop | None = None) -> None:
    """``count`` sessions like the sample (and ``big``, named "Big")."""
    sessions = SessionFolder(folder)
    for n in range(count):
        workshop = sample()
        workshop.updated = NOW - timedelta(minutes=n)
        sessions.create(f"Workshop {n:03d}", NOW, workshop).close()
    if big is not None:
        sessions.create("Big", NOW, big).close()
