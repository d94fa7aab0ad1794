"""The room on their phones: a small web server the facilitator opens from
the workshop screen (see ``server.py``), and the page it serves (``page.py``)."""
