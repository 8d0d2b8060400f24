"""Printing: ReportLab renderers of the official forms from immutable snapshots."""
