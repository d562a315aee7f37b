"""Importers that bring outside sources into a workspace as ordinary exports."""
