"""Sessions on disk: one TinyDB file each, written atomically, locked while
open, backed up, and saved off the screen's thread."""
