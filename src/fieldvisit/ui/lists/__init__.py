"""The record lists: table models, the filter proxy and the list page shared by the three jobs."""
