"""The workshop screen's handlers, one module a step: each a part of the
screen (a ``WorkshopBase`` subclass) that handles its step's Messages."""
