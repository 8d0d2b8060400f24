"""The bureau's HTTP API: one router module per resource, dependencies in `deps`."""
