"""Keys land where they were meant, however fast they come.

Textual reads each key on the app's own task. A *priority* binding runs its
action right there, before the next key is read; any other key is sent on to
the focused widget's queue, and the app reads the next key at once. So the
keys that move the focus (a step key, a list's keys, Enter in a field, the
keys of a dialog) are all priority bindings, and each of their actions does
its work to the end and moves the focus (with ``Screen.set_focus``, which
takes effect at once, not ``Widget.focus``, which waits its turn on the
app's queue) before it returns: the keys typed behind it then go where it put
the focus. What an action needs from another widget it gets through a
Message, and it waits until that Message has been handled:

- :func:`handled` returns once a widget has handled every message sent to it
  so far (the keys typed into a field before Enter, say);
- :func:`deliver` posts a Message from a widget and returns once it has been
  handled all the way up to the screen.

Both must be awaited on the app's task (in an action), never on the task of
one of the widgets they wait for.
"""

from __future__ import annotations

import asyncio

from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget


async def handled(pump: MessagePump | None) -> None:
    """Return once ``pump`` has handled what was sent to it before now."""
    if pump is None:
        return
    done = asyncio.get_running_loop().create_future()

    def finish() -> None:
        if not done.done():
            done.set_result(None)

    if pump.call_later(finish):
        await done


async def deliver(widget: Widget, message: Message) -> None:
    """Post ``message`` from ``widget`` and wait until every node from the
    widget up to its screen has handled it (it bubbles up one at a time)."""
    screen = widget.screen
    widget.post_message(message)
    node: Widget | None = widget
    while node is not None:
        await handled(node)
        if node is screen:
            break
        parent = node.parent
        node = parent if isinstance(parent, Widget) else None


def focus_now(widget: Widget) -> None:
    """Give ``widget`` the focus at once (``Widget.focus`` waits its turn on
    the app's queue, behind the keys typed meanwhile)."""
    widget.screen.set_focus(widget)
