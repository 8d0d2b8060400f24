"""The bureau service: FastAPI app, its database, admin commands."""
