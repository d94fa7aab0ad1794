"""The widgets of the facilitator screen: the session bar, the step bar, one
pane per step, and the QR code."""
