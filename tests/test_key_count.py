"""The whole sample workshop from an empty session, by keyboard, counting
every key that is not typed text: goals, the session's settings, 18 ideas,
6 voters x 4 dots counted as tallies, 7 placements with priority and effort,
and the export. The goal is at most 80 keys beyond the text; the README
gives the count and the walkthrough, key by key (checked here)."""

from __future__ import annotations

from pathlib import Path

from tui_roadmap.export.draft import markdown
from tui_roadmap.workshop.vote import tally, winners

from .conftest import empty_app, load_sample, settle, type_keys

GOAL = 80
"""The most keys beyond the typed text for the whole sample workshop."""

README = Path(__file__).resolve().parent.parent / "README.md"


class Keys:
    """Types text (not counted) and presses keys (counted), phase by phase."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.phases: list[tuple[str, list[str]]] = []

    def phase(self, name: str) -> None:
        self.phases.append((name, []))

    async def text(self, text: str) -> None:
        await type_keys(self.pilot, *text)

    async def press(self, *keys: str) -> None:
        self.phases[-1][1].extend(keys)
        await type_keys(self.pilot, *keys)

    async def line(self, text: str) -> None:
        """Text, then Enter (counted)."""
        await self.text(text)
        await self.press("enter")

    @property
    def count(self) -> int:
        return sum(len(keys) for _, keys in self.phases)


def shown(key: str) -> str:
    return {"enter": "Enter", "down": "\u2193"}.get(
        key, key.upper() if key.startswith("f") and key[1:].isdigit() else key
    )


def walkthrough(keys: Keys) -> list[str]:
    """The walkthrough as README table rows; a key pressed several times in
    a row is shown once with its count (`Enter` x 18)."""
    rows = []
    for name, pressed in keys.phases:
        runs: list[list] = []
        for key in pressed:
            if runs and runs[-1][0] == key:
                runs[-1][1] += 1
            else:
                runs.append([key, 1])
        cells = " ".join(f"`{shown(key)}`" + (f" x {times}" if times > 1 else "") for key, times in runs)
        rows.append(f"| {name} | {cells} | {len(pressed)} |")
    return rows


async def test_the_whole_sample_workshop_takes_at_most_80_keys_beyond_the_text(folder):
    sample = load_sample()
    app = empty_app(folder, sample.name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        workshop = app.screen.workshop

        keys.phase("Goals: each typed as `goal \\| metric`, then Enter")
        for goal in sample.goals:
            await keys.line(f"{goal.title} | {goal.metric}")

        keys.phase("Settings: mission, product, timeframe (the field cleared in one key), doc link")
        await keys.press("ctrl+t")
        await keys.line(sample.mission)
        await keys.line(sample.product)
        await keys.press("ctrl+u")
        await keys.line(sample.timeframe.spec())
        await keys.text(sample.doc_link)
        await keys.press("ctrl+s")

        keys.phase("Ideas: each typed as `2: idea @who`, then Enter")
        await keys.press("f3")
        for idea in sample.ideas:
            number = sample.goal_number(idea.goal_id)
            await keys.line(f"{f'{number}: ' if number else ''}{idea.text} @{idea.proposer}")

        keys.phase("Vote: the voters and their dots, then each idea's count as a number")
        await keys.press("f4")
        people = ", ".join(f"{p.name} ({p.role})" if p.role else p.name for p in sample.participants)
        await keys.line(people.replace("Product (facilitator)", "Product"))
        await keys.line(str(sample.vote.dots_each))
        counts = [tally(sample)[idea.id] for idea in sample.ideas]
        last = max(n for n, count in enumerate(counts) if count)
        for number, count in enumerate(counts[: last + 1]):
            if number:
                await keys.press("down")
            if count:
                await keys.press(str(count))

        keys.phase("Roadmap: on each winner in turn, its priority, its effort, its quarter")
        await keys.press("f5")
        priority_keys = {"Must": "m", "Should": "s", "Could": "c"}
        effort_keys = {"S": "S", "M": "M", "L": "L", "XL": "X"}
        for ranked in winners(sample):
            placement = sample.placement(ranked.idea.id)
            column = sample.timeframe.columns.index(placement.column) + 1
            await keys.press(priority_keys[placement.priority], effort_keys[placement.effort], str(column))

        keys.phase("Export: write the Markdown")
        await keys.press("f6", "w")
        draft = (folder.root / "fabrikam-h1-2027.md").read_text(encoding="utf-8")

        # The workshop is the sample's, as the room made it.
        assert [(g.title, g.metric) for g in workshop.goals] == [(g.title, g.metric) for g in sample.goals]
        assert (workshop.mission, workshop.product, workshop.doc_link) == (
            sample.mission,
            sample.product,
            sample.doc_link,
        )
        assert workshop.timeframe.columns == sample.timeframe.columns
        assert [
            (i.text, sample.goal_number(i.goal_id) and workshop.goal_number(i.goal_id), i.proposer)
            for i in workshop.ideas
        ] == [(i.text, sample.goal_number(i.goal_id), i.proposer) for i in sample.ideas]
        assert [p.name for p in workshop.participants] == [p.name for p in sample.participants]
        assert list(tally(workshop).values()) == list(tally(sample).values())
        assert [r.idea.text for r in winners(workshop)] == [r.idea.text for r in winners(sample)]

        def placed(w):
            return sorted((w.idea(p.idea_id).text, p.column, p.priority, p.effort) for p in w.placements)

        assert placed(workshop) == placed(sample)
        assert draft == markdown(workshop)

    rows = walkthrough(keys)
    print("\n".join(rows), f"\n{keys.count} keys beyond the typed text")
    assert keys.count <= GOAL
    readme = README.read_text(encoding="utf-8")
    assert f"**{keys.count} keys beyond the typed text**" in readme, "the README gives another count"
    for row in rows:
        assert row in readme, f"the README's walkthrough lacks: {row}"
