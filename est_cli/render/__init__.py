"""Turning aggregated figures into documents: templates, formatting, charts, files."""
