"""Keeping Python's cycle collector off the room's keys.

Now and then the collector looks at every object the program holds; with a
workshop open that is about a hundred thousand objects and 40 to 80 ms, in
which a key typed waits (on a step switch, every fifth or so). Nearly all of
them are the screen's widgets and their drawn lines, which live as long as
the workshop is open: once they are built they are set aside from the
collector's rounds (``gc.freeze``), which then look only at what is new.
When the workshop closes, they are handed back (``gc.unfreeze``).

What is set aside and later dropped (a toast, the preview's old blocks) is
kept until then: a few widgets, against a pause every few keys.
"""

from __future__ import annotations

import gc


class SetAside:
    """What the workshop screen has built, set aside while it is open.

    ``gc.unfreeze`` hands back everything set aside, by anyone: when
    something else in the process set objects aside first (a test runner
    keeping its own heap out of the way), it is theirs to hand back, and
    only the collections are done here."""

    def __init__(self) -> None:
        self._ours: bool | None = None
        """Whether what is set aside is this screen's alone (None: nothing yet)."""
        self._unchecked = False

    def _begin(self) -> None:
        if self._ours is None:
            self._ours = gc.get_freeze_count() == 0

    def drawn(self) -> None:
        """The first frame is drawn: set aside everything now, garbage and
        all (a collection now would hold up the frames that follow); it is
        looked at again when the first step is built."""
        self._begin()
        gc.freeze()
        self._unchecked = bool(self._ours)

    def built(self) -> None:
        """A step's pane is built and drawn: collect what is garbage (among
        what was set aside unchecked too), and set aside what is left."""
        self._begin()
        if self._unchecked:
            gc.unfreeze()
            self._unchecked = False
        gc.collect()
        gc.freeze()

    def let_go(self) -> None:
        """The workshop is closed: hand everything back to the collector."""
        if self._ours:
            gc.unfreeze()
        self._ours = None
        self._unchecked = False
