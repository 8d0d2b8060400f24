"""Security: secret storage over keyring, key wrapping, local accounts, audit kinds and ID masking."""
