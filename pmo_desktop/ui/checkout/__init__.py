"""Offline check-out in the GUI (issue 8 §6): the commands, the check-out and check-in
dialogs, and the banner saying who has a project out (or that this file is a copy)."""
