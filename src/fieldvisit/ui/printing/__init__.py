"""Print preview, printing to a system printer and saving as PDF, for every document the app prints."""
