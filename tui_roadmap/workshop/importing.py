"""An import from inside the app, worked out away from the screen.

Reading a file of ideas and adding them takes seconds for a big file (each
idea is compared with all those before it, to name near-duplicates). The
screen does it on a copy of the workshop, on a thread of its own, so that
it and the phones keep being answered; the copy with the ideas added is
then put in as one change, if the workshop has not changed meanwhile (a
phone's idea): else it is worked out again on what the workshop is now.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import fields

from tui_roadmap.workshop.gather import Added, add_gathered, read_file
from tui_roadmap.workshop.model import Workshop

UNTOUCHED = ("step", "drafts", "timers")
"""What an import never changes, and the room may change while it is
worked out: kept as they are when the import is put in."""


class Trial(Struct):
    """An import worked out on a copy: the workshop it started from, the same
    with the ideas added, and what adding did."""

    base: Workshop
    after: Workshop
    result: Added


def work_out(base: Workshop, raw: bytes, name: str) -> Trial:
    """Read the file's ideas and add them to a copy of ``base`` (a copy the
    caller gives, that nothing else changes meanwhile: this may run on
    another thread). Raises :class:`WorkshopError` if the file is not one."""
    after = base.copy()
    result = add_gathered(after, read_file(raw, name, after))
    return Trial(base, after, result)


def holds(trial: Trial, workshop: Workshop) -> bool:
    """True if ``workshop`` is still as the trial found it (but for what an
    import never changes, and the time of the last change)."""
    ignored = {*UNTOUCHED, "updated"}
    return all(
        getattr(trial.base, field.name) == getattr(workshop, field.name)
        for field in fields(Workshop)
        if field.name not in ignored
    )


def put_in(workshop: Workshop, trial: Trial) -> Added:
    """Make ``workshop`` what the trial made of it (the ids and numbers it
    gave included); only while the trial :func:`holds`."""
    workshop.restore(trial.after, keep=(*UNTOUCHED, "updated"))
    return trial.result
