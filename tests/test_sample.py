"""The bundled sample shows everything the workshop keeps: the follow-through
the room added once the roadmap was laid out (baselines and targets,
confidence, needs and risks, what it will not do, who does what by when),
and a first review that checks the actions and measures the metrics.

Run as a module (``python -m tests.test_sample``) it writes the sample
workshop and its golden draft again, after a deliberate change: read the
diff before committing it.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from tui_roadmap.export.draft import markdown
from tui_roadmap.files.documents import from_tables, to_tables
from tui_roadmap.files.storage import dumps, encode, parse
from tui_roadmap.workshop import actions, items
from tui_roadmap.workshop.checklist import next_review
from tui_roadmap.workshop.sample import HELD, REVIEW_HELD, follow_through, sample_review

from .conftest import load_sample

BEFORE = Path(__file__).parent / "fixtures" / "sample-before-follow-through.json"
"""The sample as it was before the follow-through was added (schema 1)."""
GOLDEN = Path(__file__).parent / "golden" / "fabrikam-h1-2027.md"


def built() -> bytes:
    return encode(dumps(to_tables(follow_through(from_tables(parse(BEFORE.read_bytes()))))))


def test_the_bundled_sample_is_the_workshop_with_the_rooms_follow_through():
    assert (resources.files("tui_roadmap") / "data" / "fabrikam-h1-2027.json").read_bytes() == built()


def test_both_sessions_are_held_in_the_past_the_review_when_the_workshop_said():
    workshop, review = load_sample(), sample_review(load_sample())
    assert workshop.created == HELD and review.created == REVIEW_HELD
    assert HELD.date() == date(2026, 10, 16) and REVIEW_HELD.date() == date(2026, 11, 20)
    assert next_review(workshop) == REVIEW_HELD.date()
    assert REVIEW_HELD.date() <= date.today()


def test_the_sample_has_what_the_scenario_adds():
    workshop = load_sample()
    assert [(g.baseline, g.target) for g in workshop.goals] == [
        ("12,000 a month", "50,000 a month"),
        ("18%", "30%"),
        ("0%", "2%"),
    ]
    told = {
        workshop.idea(idea_id).text.split(":")[0][:20]: (d.confidence, d.risk, len(d.needs))
        for idea_id, d in workshop.item_details.items()
    }
    assert told == {
        "Password reset and s": ("High", "", 0),
        "Onboarding quiz that": ("Medium", "the quiz may feel long on small phones", 0),
        "Virtual try-on with ": ("Low", "the camera SDK is not chosen yet", 0),
        "Shop the look": ("Medium", "partner stores must share their stock feed", 1),
        "Premium plan": ("Medium", "", 1),
    }
    assert [idea.text for idea, _ in items.decided_against(workshop)] == ["Dark mode", "In-app support chat"]
    given = [(line.owner, line.due) for line in actions.lines(workshop) if line.action is not None]
    assert sorted(given) == [
        ("Lena", date(2026, 11, 13)),
        ("Marcus", date(2026, 10, 30)),
        ("Priya", date(2026, 10, 23)),
    ]
    assert [(a.text, a.owner, a.due) for a in actions.own_actions(workshop)] == [
        ("Ask the partner stores for their stock feed", "Dana", date(2026, 11, 6))
    ]


def test_the_review_checks_the_actions_and_measures_the_metrics():
    text = markdown(sample_review(load_sample()))
    assert "Actions from the last review: 3 of 4 done; 1 late." in text
    assert "**Lena**, due 2026-11-13: late, now due 2026-12-04" in text
    for now in ("19,500 a month", "21%", "0.4%"):
        assert f"{now} (" in text and "measured 2026-11-18" in text


def test_the_readmes_excerpt_of_the_draft_is_what_the_sample_says():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split('`roadmap export "Fabrikam H1 2027"` prints (an excerpt):', 1)[1]
    excerpt = excerpt.split("```markdown\n", 1)[1].split("```", 1)[0]
    draft = markdown(load_sample()).splitlines()
    missing = [line for line in excerpt.splitlines() if line and line not in draft]
    assert not missing


def _write_golden() -> None:
    (resources.files("tui_roadmap") / "data" / "fabrikam-h1-2027.json").write_bytes(built())
    GOLDEN.write_text(markdown(load_sample()), encoding="utf-8")


if __name__ == "__main__":
    _write_golden()
