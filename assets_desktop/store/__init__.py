"""The local library (SQLite), settings and secrets (keyring). No Qt."""
