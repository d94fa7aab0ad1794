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
    """What the workshop screen has built, set aside while it is open."""

    def __init__(self) -> None:
        self._unchecked = False

    def drawn(self) -> None:
        """The first frame is drawn: set aside everything now, garbage and
        all (a collection now would hold up the frames that follow); it is
        looked at again when the first step is built."""
        gc.freeze()
        self._unchecked = True

    def built(self) -> None:
        """A step's pane is built and drawn: collect what is garbage (among
        what was set aside unchecked too), and set aside what is left."""
        if self._unchecked:
            gc.unfreeze()
            self._unchecked = False
        gc.collect()
        gc.freeze()

    def let_go(self) -> None:
        """The workshop is closed: hand everything back to the collector."""
        gc.unfreeze()
        self._unchecked = False
