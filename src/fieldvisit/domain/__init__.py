"""Domain: SQLModel tables shared by client and bureau, and the pure rules of the three jobs."""
