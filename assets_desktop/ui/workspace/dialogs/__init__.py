"""Dialogs of the workspace: each validates next to its fields and opens with `open()`."""
