"""Items (linked bank logins) in the library; their access tokens live in the secret store."""

from __future__ import annotations

from assets_desktop.store import rows, secrets
from assets_desktop.store.database import Store
from assets_desktop.store.records import Activity, ItemRecord


class ItemStore(Store):
    """Add, update, read and forget Items."""

    def save(
        self,
        item_id: str,
        institution_id: str,
        institution_name: str,
        *,
        loan_file_id: str | None = None,
        environment: str = "local",
        status: str = "good",
        access_token: str | None = None,
    ) -> ItemRecord:
        """Add or update an Item; its access token goes to the keyring, never the database."""
        if access_token is not None:
            self._db.secrets.set(secrets.ACCESS_TOKEN, item_id, access_token)
        now = self._db.now()
        fields = (item_id, loan_file_id, institution_id, institution_name, environment, status)
        values = (*fields, now, now)
        with self._db.transaction() as connection:
            known = connection.execute("SELECT 1 FROM items WHERE item_id = ?", (item_id,))
            is_new = known.fetchone() is None
            connection.execute(
                "INSERT INTO items (item_id, loan_file_id, institution_id, institution_name, "
                "environment, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (item_id) DO UPDATE SET loan_file_id = excluded.loan_file_id, "
                "institution_id = excluded.institution_id, institution_name = "
                "excluded.institution_name, environment = excluded.environment, "
                "status = excluded.status, updated_at = excluded.updated_at",
                values,
            )
            if is_new:
                self._db.append(
                    connection, Activity.ITEM_ADDED, f"item {item_id}", loan_file_id,
                    detail=institution_name,
                )  # fmt: skip
        return self.get(item_id)

    def set_status(self, item_id: str, status: str) -> ItemRecord:
        self.get(item_id)
        with self._db.transaction() as connection:
            connection.execute(
                "UPDATE items SET status = ?, updated_at = ? WHERE item_id = ?",
                (status, self._db.now(), item_id),
            )
        return self.get(item_id)

    def get(self, item_id: str) -> ItemRecord:
        row = self._db.one("SELECT * FROM items WHERE item_id = ?", (item_id,), "Item")
        return rows.item_from_row(row)

    def all(self, loan_file_id: str | None = None) -> list[ItemRecord]:
        if loan_file_id is None:
            found = self._db.all("SELECT * FROM items ORDER BY created_at, item_id", ())
        else:
            found = self._db.all(
                "SELECT * FROM items WHERE loan_file_id = ? ORDER BY created_at, item_id",
                (loan_file_id,),
            )
        return [rows.item_from_row(row) for row in found]

    def delete(self, item_id: str) -> None:
        """Forget an Item and its access token."""
        self.get(item_id)
        with self._db.transaction() as connection:
            connection.execute("DELETE FROM items WHERE item_id = ?", (item_id,))
        self._db.forget([(secrets.ACCESS_TOKEN, item_id)])
