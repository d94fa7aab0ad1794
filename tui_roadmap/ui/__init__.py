"""The terminal interface (Textual): the session list, the facilitator's
screen, and leaving cleanly when the terminal goes away."""
