"""Keeping Python's cycle collector off the room's keys.

Now and then the collector looks at every object the program holds; with a
workshop open that is about a hundred thousand objects and 40 to 80 ms, in
which a key typed waits (on a step switch, every fifth or so). Nearly all of
them are the screen's widgets and their drawn lines, which live as long as
the workshop is open: once they are built (the first frame, the first visit
of each step), they are set aside from the collector's rounds
(``gc.freeze``), which then only look at what is new. When the workshop
closes, they are handed back (``gc.unfreeze``), so that nothing is kept.
"""

from __future__ import annotations

import gc


def keep_what_is_built(collect: bool = True) -> None:
    """Collect what is garbage now (unless ``collect`` is False: right after
    the first frame, when a full collection would hold up the frames that
    follow), and set aside what is left."""
    if collect:
        gc.collect()
    gc.freeze()


def let_go() -> None:
    """Hand back to the collector everything set aside."""
    gc.unfreeze()
