"""The async Plaid client over one long-lived httpx.AsyncClient. No Qt."""
