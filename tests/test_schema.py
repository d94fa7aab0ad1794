"""A session written by the first released schema opens in every later
version. The fixture is never regenerated: it is what schema 1 wrote."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop.vote import cut, spent_by, tally

from .conftest import NOW

FIXTURE = Path(__file__).parent / "fixtures" / "schema-1.json"


def test_a_schema_1_session_opens_whole(folder):
    folder.root.mkdir(parents=True)
    shutil.copy(FIXTURE, folder.root / "schema-one.json")
    session = folder.open("Schema one", NOW)
    workshop = session.workshop
    assert (workshop.name, workshop.step, workshop.product) == ("Schema one", "roadmap", "Fabrikam (AI fashion app)")
    assert workshop.timeframe.columns == ("2027-Q1", "2027-Q2")
    assert [g.title for g in workshop.goals] == [
        "Acquire new customers",
        "Increase engagement",
        "Start earning revenue",
    ]
    assert len(workshop.participants) == 6 and workshop.participants[0].role == "Product (facilitator)"
    assert len(workshop.ideas) == 18 and workshop.ideas[10].goal_id == workshop.goals[0].id
    assert sum(tally(workshop).values()) == 24
    assert spent_by(workshop, workshop.participants[2].id) == 1
    assert (workshop.vote.dots_each, cut(workshop), workshop.capacities) == (4, 7, {"2027-Q1": 6})
    assert workshop.next_review == date(2027, 1, 8)
    assert workshop.drafts == {"idea": "Half-typed idea"}
    assert [(p.column, p.priority, p.effort) for p in workshop.placements][0] == ("2027-Q1", "Must", "S")
    assert "## Refinement checklist" in markdown(workshop)
    session.save()  # and it saves again in the current schema
    session.close()
    assert folder.load("Schema one") == workshop
