"""Metrics with numbers: the baseline and target a metric states, the value
a review measures and when, how far the metric has come, and where all of
it shows: the file, the draft's goals table, "Since the last review" and
``roadmap diff``."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tui_roadmap.export.draft import markdown, since_markdown
from tui_roadmap.files.documents import SCHEMA_VERSION, from_tables, to_tables
from tui_roadmap.files.storage import dumps, encode, parse
from tui_roadmap.files.store import SessionFolder
from tui_roadmap.workshop import metrics
from tui_roadmap.workshop import review as rv
from tui_roadmap.workshop.metrics import progress, read_value, stated
from tui_roadmap.workshop.model import Goal, Reading, WorkshopError, new_workshop

from .conftest import NOW, bare_sample, load_sample
from .test_cli import roadmap
from .test_export import table_rows

FIXTURES = Path(__file__).parent / "fixtures"
NOVEMBER = datetime(2026, 11, 20, 10)
MEASURED = date(2026, 11, 18)


def with_numbers():
    """The sample with the baselines and targets of its goals."""
    workshop = load_sample()
    workshop.edit_goal(1, baseline="12,000 a month", target="50,000 a month")
    workshop.edit_goal(2, baseline="18%", target="30%")
    workshop.edit_goal(3, baseline="0%", target="2%")
    return workshop


def measured_review(held: datetime = NOVEMBER):
    """Its first review, with each metric's value now."""
    review = rv.start_review(with_numbers(), "November review", held)
    metrics.record_value(review, 1, "19,500 a month", MEASURED)
    metrics.record_value(review, 2, "21%", MEASURED)
    metrics.record_value(review, 3, "0.4%", MEASURED)
    return review


# ------------------------------------------------------------- the parser


@pytest.mark.parametrize(
    ("metric", "baseline", "target"),
    [
        ("no-show rate from 11% to 6%", "11%", "6%"),
        ("weekly active users from 18% to 30% of sign-ups", "18%", "30%"),
        ("weekly active users from 18% to 25% of sign-ups by the end of Q2", "18%", "25%"),
        ("50,000 sign-ups a month", "", "50,000"),
        ("50,000 new sign-ups a month by the end of Q2", "", "50,000"),
        ("2% of weekly active users on a paid plan", "", "2%"),
        ("churn from 5 to 3%", "5%", "3%"),  # one % says both are percentages
        ("churn from 5% down to 3.5", "5%", "3.5%"),
        ("NPS from 20 up to 45", "20", "45"),
        ("app store rating 4.1 \u2192 4.6", "4.1", "4.6"),
        ("app store rating 4.1 -> 4.6", "4.1", "4.6"),
        ("time to first outfit from 90 to 30 seconds", "90", "30"),
        ("1,000 members", "", "1,000"),
        ("at most 12 support tickets per 1,000 members a month", "", "at most 12"),
        ("under 2% monthly churn", "", "under 2%"),
        ("at least 40% of testers finish the quiz", "", "at least 40%"),
        ("NPS above 40 by 2027", "", "above 40"),
        ("$10,000 monthly recurring revenue", "", "$10,000"),
        ("10k downloads in Q1", "", "10k"),
        ("18 percent of sign-ups invite a friend", "", "18 percent"),
        ("day 7 retention at 40%", "", "40%"),
        ("reach 2,000 paying members by 2027", "", "2,000"),
        ("from 1,200 to 3,400 orders a week", "1,200", "3,400"),
    ],
)
def test_a_metric_states_its_baseline_and_target(metric, baseline, target):
    assert stated(metric) == (baseline, target)


@pytest.mark.parametrize(
    "metric",
    [
        "top 3 in the store",  # a rank, not a count
        "rank #1 for outfit apps",
        "Q2",
        "launch in H1 2027",
        "by 2027",
        "from 2025 to 2027",  # years
        "measured on 2026-11-18",  # a date
        "every 18/11",
        "weekly stand-up at 11:30",
        "3rd place in the awards",
        "2x faster onboarding",
        "version 2.0 shipped",
        "grow sign-ups by 20%",  # a change, not where it gets to
        "up 5% on last quarter",
        "80% of testers finish in under 60 seconds",  # two numbers: which one is meant is not said
        "more sign-ups",
        "",
    ],
)
def test_a_metric_that_states_no_clear_number_gives_none(metric):
    assert stated(metric) == ("", "")


@pytest.mark.parametrize(
    ("text", "number", "unit", "ceiling"),
    [
        ("21%", "21", "%", False),
        ("0.4%", "0.4", "%", False),
        ("18 %", "18", "%", False),
        ("18 percent", "18", "%", False),
        ("19,500 a month", "19500", "", False),
        ("1,000 members", "1000", "", False),
        ("1,234,567", "1234567", "", False),
        ("50k", "50000", "", False),
        ("$5,000 MRR", "5000", "$", False),
        ("\u20ac12.50", "12.50", "\u20ac", False),
        ("-3%", "-3", "%", False),
        ("\u22123%", "-3", "%", False),
        ("about 20%", "20", "%", False),
        ("at most 12", "12", "", True),
        ("under 2%", "2", "%", True),
        ("at least 40%", "40", "%", False),
    ],
)
def test_a_value_is_its_text_and_its_number(text, number, unit, ceiling):
    value = read_value(text)
    assert (value.text, value.number, value.unit, value.ceiling) == (text, Decimal(number), unit, ceiling)


@pytest.mark.parametrize(
    "text", ["top 3", "Q2", "2026-11-18", "18/11", "11:30", "3rd", "1,00", "0,4%", "n/a", "twice a week", "v2", ""]
)
def test_a_value_that_is_not_a_number_keeps_its_text(text):
    value = read_value(text)
    assert value.number is None and value.text == text


# ------------------------------------------------------------- how far


def way(baseline: str | None, target: str, now: str) -> int | None:
    fraction = progress(read_value(baseline) if baseline else None, read_value(target), read_value(now))
    return None if fraction is None else metrics.percent(fraction)


def test_how_far_a_metric_has_come():
    assert way("18%", "30%", "21%") == 25
    assert way("12,000 a month", "50,000 a month", "19,500 a month") == 20  # 19.7%
    assert way("0%", "2%", "0.4%") == 20
    assert way(None, "50,000", "19,500") == 39  # no baseline: now / target
    assert way("18%", "30%", "18%") == 0
    assert way("18%", "30%", "33%") == 125  # beyond the target
    assert way("18%", "30%", "15%") == -25  # the wrong way
    assert way("18%", "30%", "19.5%") == 13  # 12.5%: halves round up


def test_a_rate_that_must_go_down():
    assert way("11%", "6%", "8.5%") == 50
    assert way("11%", "6%", "6%") == 100
    assert way("11%", "6%", "12%") == -20  # it rose: the wrong way
    assert way("15", "at most 12", "13") == 67
    assert metrics.way(Decimal("0.5")) == "50% of the way"
    assert metrics.way(Decimal("1.05")) == "105% of the way, target met"


def test_no_progress_where_it_cannot_be_said():
    assert way("18%", "30%", "about a fifth") is None  # not a number
    assert way("18%", "30%", "21 users") is None  # units differ
    assert way("18%", "30", "21%") is None
    assert way("18%", "lots", "21%") is None
    assert way("unknown", "30%", "21%") is None  # a baseline that is not a number is not "no baseline"
    assert way("30%", "30%", "21%") is None  # no distance to go
    assert way(None, "at most 12", "10") is None  # a ceiling, and no start
    assert way(None, "0", "3") is None
    assert metrics.goal_progress(Goal(1, "Grow"), "21%") is None  # no target


# ------------------------------------------------------------- the goals


def test_a_goal_typed_with_its_metric_keeps_the_numbers_it_states():
    workshop = new_workshop("Clinic", NOW)
    goal = metrics.add_goal(workshop, "Fewer no-shows", "no-show rate from 11% to 6%")
    assert (goal.metric, goal.baseline, goal.target) == ("no-show rate from 11% to 6%", "11%", "6%")
    plain = metrics.add_goal(workshop, "Top of the store", "top 3 in the store")
    assert (plain.baseline, plain.target) == ("", "")
    # The model's own add keeps what it is given, nothing more.
    assert workshop.add_goal("Raw", "from 1 to 2").target == ""


def test_numbers_follow_the_metrics_text_unless_the_room_set_them():
    workshop = new_workshop("Clinic", NOW)
    goal = metrics.add_goal(workshop, "Engagement", "weekly active users from 18% to 30% of sign-ups")
    metrics.edit_goal(workshop, goal.id, metric="weekly active users from 18% to 25% of sign-ups")
    assert (workshop.goal(goal.id).baseline, workshop.goal(goal.id).target) == ("18%", "25%")
    metrics.edit_goal(workshop, goal.id, target="27%")  # set in the form
    metrics.edit_goal(workshop, goal.id, metric="weekly active users from 19% to 25% of sign-ups")
    assert (workshop.goal(goal.id).baseline, workshop.goal(goal.id).target) == ("19%", "27%")
    # A goal of an older file, with no numbers yet: an edit takes those its text states.
    old = workshop.add_goal("Revenue", "2% of weekly active users on a paid plan")
    metrics.edit_goal(workshop, old.id, title="Start earning revenue")
    assert workshop.goal(old.id).target == "2%" and workshop.goal(old.id).metric == old.metric
    metrics.edit_goal(workshop, old.id, baseline="0%")
    assert (workshop.goal(old.id).baseline, workshop.goal(old.id).target) == ("0%", "2%")
    with pytest.raises(WorkshopError, match="no longer exists"):
        metrics.edit_goal(workshop, 99, title="Gone")


def test_the_typed_metric_stays_as_typed_and_values_are_cut_to_a_line():
    workshop = new_workshop("Clinic", NOW)
    goal = metrics.add_goal(workshop, "Grow", "  50,000   sign-ups a month ")
    assert goal.metric == "50,000 sign-ups a month" and goal.target == "50,000"
    workshop.edit_goal(goal.id, baseline="1" * 200)
    assert len(workshop.goal(goal.id).baseline) <= 80


# ------------------------------------------------------------- in a review


def test_a_review_records_each_metric_with_the_day_it_was_measured():
    review = measured_review()
    assert review.readings[2] == Reading("21%", MEASURED)
    metrics.record_value(review, 2, "  ", MEASURED)  # empty: no value now
    assert 2 not in review.readings
    with pytest.raises(WorkshopError, match="no longer exists"):
        metrics.record_value(review, 9, "5", MEASURED)
    with pytest.raises(WorkshopError, match="recorded in a review"):
        metrics.record_value(load_sample(), 1, "5", MEASURED)
    review.delete_goal(3)
    assert 3 not in review.readings


def test_the_day_measured_is_typed_or_today():
    today = date(2026, 11, 22)
    assert metrics.read_day("", today) == today
    assert metrics.read_day(" 2026-11-18 ", today) == MEASURED
    with pytest.raises(WorkshopError, match="not a date: type the day it was measured as 2026-11-22"):
        metrics.read_day("18/11/2026", today)
    with pytest.raises(WorkshopError, match=r"2026-11-30 is after today \(2026-11-22\)"):
        metrics.read_day("2026-11-30", today)


def test_a_value_now_carries_into_the_next_review_as_the_last_value():
    first_review = measured_review()
    december = rv.start_review(first_review, "December review", datetime(2026, 12, 18, 10))
    assert not december.readings
    assert metrics.last_reading(december, 2) == Reading("21%", MEASURED)
    metrics.record_value(december, 2, "23%", date(2026, 12, 16))
    # A metric not measured in December keeps its November value for January.
    january = rv.start_review(december, "January review", datetime(2027, 1, 18, 10))
    assert metrics.last_reading(january, 1) == Reading("19,500 a month", MEASURED)
    assert metrics.last_reading(january, 2) == Reading("23%", date(2026, 12, 16))
    assert metrics.last_reading(with_numbers(), 1) is None


def test_since_the_last_review_says_how_each_metric_moved():
    review = measured_review()
    lines = since_markdown(rv.since(review.earlier, review))
    section = lines[lines.index("### Metrics") :]
    assert section[:5] == [
        "### Metrics",
        "",
        "- \u201cAcquire new customers\u201d: 12,000 a month \u2192 19,500 a month (baseline 12,000 a month, "
        "target 50,000 a month: 20% of the way), measured 2026-11-18",
        "- \u201cIncrease engagement\u201d: 18% \u2192 21% (baseline 18%, target 30%: 25% of the way), "
        "measured 2026-11-18",
        "- \u201cStart earning revenue\u201d: 0% \u2192 0.4% (baseline 0%, target 2%: 20% of the way), "
        "measured 2026-11-18",
    ]
    december = rv.start_review(review, "December review", datetime(2026, 12, 18, 10))
    metrics.record_value(december, 2, "23%", date(2026, 12, 16))
    december.edit_goal(1, target="60,000 a month")
    text = "\n".join(since_markdown(rv.since(december.earlier, december)))
    assert (
        "- \u201cIncrease engagement\u201d: 21% \u2192 23% (baseline 18%, target 30%: 42% of the way), "
        "measured 2026-12-16; last measured 2026-11-18"
    ) in text
    assert (
        "- \u201cAcquire new customers\u201d: not measured this time (last: 19,500 a month, measured 2026-11-18)"
        in text
    )
    assert "- Target of \u201cAcquire new customers\u201d: 50,000 a month \u2192 60,000 a month" in text


def test_a_metric_that_is_not_a_number_shows_its_text_without_progress():
    review = rv.start_review(bare_sample(), "Next", NOVEMBER)  # goals with no numbers set
    metrics.record_value(review, 1, "about a fifth more", MEASURED)
    metrics.record_value(review, 2, "21%", MEASURED)
    text = markdown(review)
    assert "- \u201cAcquire new customers\u201d: about a fifth more, measured 2026-11-18" in text
    assert "- \u201cIncrease engagement\u201d: 21%, measured 2026-11-18" in text
    assert "| 1 | Acquire new customers | 50,000 new sign-ups a month by the end of Q2 | about a fifth more, " in text
    assert "| Baseline |" not in text  # no goal has one: no such columns


def test_a_changed_metric_text_is_not_said_twice():
    first = with_numbers()
    review = rv.start_review(first, "Next", NOVEMBER)
    metrics.edit_goal(review, 2, metric="weekly active users from 18% to 25% of sign-ups by the end of Q2")
    moved = rv.since(review.earlier, review)
    assert [c.what for c in moved.metrics] == ["metric"]
    assert [(c.what, c.before, c.after) for c in moved.numbers] == []  # the text says 25%: its line says so
    review.edit_goal(2, target="26%")
    assert [(c.what, c.before, c.after) for c in rv.since(review.earlier, review).numbers] == [("target", "30%", "26%")]


# ------------------------------------------------------------- the draft


def test_the_goals_table_has_baseline_target_and_now():
    text = markdown(measured_review())
    assert "| # | Goal | Success metric | Baseline | Target | Now | Roadmap items |" in text
    assert (
        "| 2 | Increase engagement | weekly active users from 18% to 30% of sign-ups | 18% | 30% | "
        "21% (25% of the way), measured 2026-11-18 | 2 |"
    ) in text
    first = markdown(with_numbers())  # the first session measures nothing: no Now column
    assert "| # | Goal | Success metric | Baseline | Target | Roadmap items |" in first
    assert "| 3 | Start earning revenue | 2% of weekly active users on a paid plan | 0% | 2% | 2 |" in first
    december = rv.start_review(measured_review(), "December review", datetime(2026, 12, 18, 10))
    assert "| not measured (last: 21%, measured 2026-11-18) |" in markdown(december)


def test_a_pipe_in_a_metric_or_a_value_keeps_the_tables_whole():
    review = measured_review()
    metrics.edit_goal(review, 2, metric="WAU | sign-ups from 18% to 30%", baseline="18% | of all", target="30% `x`")
    metrics.record_value(review, 2, "21% | survey <b>", MEASURED)
    text = markdown(review)
    tables = [rows for rows in _tables(text)]
    assert tables and all(len({len(row) for row in rows}) == 1 for rows in tables)
    goals = next(rows for rows in tables if rows[0][:3] == ["#", "Goal", "Success metric"])
    assert len(goals[0]) == 7
    assert goals[3][2] == "WAU \\| sign-ups from 18% to 30%"
    assert goals[3][3:6] == [
        "18% \\| of all",
        "30% \\`x\\`",
        "21% \\| survey \\<b\\> (25% of the way), measured 2026-11-18",
    ]
    assert "<b>" not in text
    assert (
        "- \u201cIncrease engagement\u201d: 18% \\| of all \u2192 21% \\| survey \\<b\\> "
        "(baseline 18% \\| of all, target 30% \\`x\\`: 25% of the way), measured 2026-11-18"
    ) in text.splitlines()


def _tables(text: str) -> list[list[list[str]]]:
    """The draft's tables, each as its rows of cells (the way GitHub splits them)."""
    tables, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("| "):
            current.append(line)
        elif current:
            tables.append(table_rows("\n".join(current)))
            current = []
    return tables


# ------------------------------------------------------------- the files


def test_numbers_and_values_are_kept_in_the_file():
    review = measured_review()
    december = rv.start_review(review, "December review", datetime(2026, 12, 18, 10))
    metrics.record_value(december, 2, "23%", date(2026, 12, 16))
    for workshop in (review, december, with_numbers()):
        tables = to_tables(workshop)
        again = from_tables(parse(encode(dumps(tables))))
        assert again == workshop
    tables = to_tables(december)
    assert tables["goals"]["2"]["baseline"] == "18%" and tables["goals"]["2"]["target"] == "30%"
    assert tables["session"]["1"]["readings"] == {"2": {"value": "23%", "measured": "2026-12-16"}}
    assert tables["session"]["1"]["earlier"]["readings"]["1"] == {"value": "19,500 a month", "measured": "2026-11-18"}
    assert tables["session"]["1"]["earlier"]["goals"][1]["target"] == "30%"
    assert tables["session"]["1"]["schema"] == SCHEMA_VERSION == 5


def test_a_reading_of_a_goal_that_is_gone_or_a_bad_one_is_left_out_or_refused():
    tables = to_tables(measured_review())
    tables["session"]["1"]["readings"]["77"] = {"value": "5", "measured": "2026-11-18"}
    assert 77 not in from_tables(tables).readings
    tables["session"]["1"]["readings"]["2"] = {"value": "5", "measured": "soon"}
    with pytest.raises(ValueError, match=r"'readings\[\.\.\.\]\.measured' is not a date"):
        from_tables(tables)


def test_a_file_of_schema_4_opens_and_exports_as_before(folder):
    """The fixture is the sample's review as schema 4 wrote it, and the
    Markdown beside it what that version exported: its metrics state
    numbers ("from 18% to 30%"), yet nothing is added until the room sets
    them."""
    folder.root.mkdir(parents=True)
    shutil.copy(FIXTURES / "schema-4.json", folder.root / "schema-four.json")
    session = folder.open("Schema four", NOW)
    workshop = session.workshop
    # As that code wrote it: the diagrams came later.
    assert markdown(workshop, diagrams=False) == (FIXTURES / "schema-4.md").read_text(encoding="utf-8")
    assert all(not g.baseline and not g.target for g in workshop.goals) and not workshop.readings
    assert workshop.earlier is not None and workshop.earlier.readings == ()
    session.save()
    session.close()
    assert folder.load("Schema four") == workshop
    assert re.search(r'"schema": ?5', (folder.root / "schema-four.json").read_text(encoding="utf-8"))


def test_roadmap_diff_says_how_the_metrics_moved(tmp_path):
    folder = SessionFolder(tmp_path / "sessions")
    first = with_numbers()
    folder.create(first.name, NOW, first).close()
    review = measured_review(datetime(2026, 12, 18, 10))  # held after the sample
    folder.create(review.name, NOW, review).close()
    result = roadmap("diff", first.name, review.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "### Metrics" in result.stdout
    assert (
        "- \u201cIncrease engagement\u201d: 18% \u2192 21% (baseline 18%, target 30%: 25% of the way), measured 2026-11-18"
        in result.stdout.splitlines()
    )
    assert result.stdout.strip() == "\n".join(since_markdown(rv.between(first, review))).strip()
