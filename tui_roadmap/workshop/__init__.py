"""The workshop itself: goals, ideas, the dot vote, the roadmap and its
checklist, and the rules for what the room types. It knows nothing of files
or screens."""
