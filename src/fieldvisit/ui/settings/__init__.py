"""The settings screen: font size, idle lock, and (demo only) which staff role to try."""
