"""Packaged resources (icon, stylesheet), read through importlib.resources."""
