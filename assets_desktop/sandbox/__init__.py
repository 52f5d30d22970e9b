"""A local Plaid-compatible Assets sandbox (imports only the domain and server libraries)."""
