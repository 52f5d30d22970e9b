"""Workflows the UI calls, combining api and store; progress through callbacks. No widgets."""
