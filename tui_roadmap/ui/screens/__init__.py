"""Screens: the workshop, the session picker, the help, and dialogs."""
