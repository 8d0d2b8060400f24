"""Form definitions: load and check `forms/*.toml`, evaluate required/relevant/constraint rules."""
