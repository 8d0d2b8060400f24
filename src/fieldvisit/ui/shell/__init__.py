"""The app shell: first run, unlock and idle lock, and the main window with its role-based navigation."""
