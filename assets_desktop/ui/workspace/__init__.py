"""The workspace window: loan files, Items, report jobs, settings, and the one error route."""
