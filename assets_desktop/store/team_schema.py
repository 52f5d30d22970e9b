"""The team library's access rules, enforced by PostgreSQL (migration 4 of `store.schema_pg`).

Three group roles; each member is a LOGIN role in one of them (`store.team`):

- `assets_underwriter`: reads and writes only the loan files assigned to them or shared with
  them, and those files' reports, Items, documents, audit copies and activity;
- `assets_supervisor`: everything;
- `assets_qc`: reads everything, changes nothing.

Row-level security does the filtering on every table; `assets_can_see` (SECURITY DEFINER, so
the policies need no recursive look-ups) answers "may this role see this loan file?".
"""

from __future__ import annotations

UNDERWRITER = "assets_underwriter"
SUPERVISOR = "assets_supervisor"
QC = "assets_qc"
GROUPS = {"underwriter": UNDERWRITER, "supervisor": SUPERVISOR, "qc": QC}

_CHILD_TABLES = ("reports", "items", "attachments", "activity")

_ROLES = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assets_underwriter') THEN
        CREATE ROLE assets_underwriter NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assets_supervisor') THEN
        CREATE ROLE assets_supervisor NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'assets_qc') THEN
        CREATE ROLE assets_qc NOLOGIN;
    END IF;
END $$;

ALTER TABLE loan_files ADD COLUMN assigned_to TEXT NOT NULL DEFAULT current_user;
CREATE INDEX loan_files_by_assignee ON loan_files (assigned_to);

-- Who did it: the role of the session, set by the server (a member cannot write another's).
ALTER TABLE activity ADD COLUMN actor TEXT NOT NULL DEFAULT current_user;
CREATE FUNCTION activity_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := current_user;
    RETURN NEW;
END $$;
CREATE TRIGGER activity_records_its_actor BEFORE INSERT ON activity
FOR EACH ROW EXECUTE FUNCTION activity_actor();

CREATE TABLE loan_file_shares (
    loan_file_id TEXT NOT NULL REFERENCES loan_files (id) ON DELETE CASCADE,
    member       TEXT NOT NULL,
    PRIMARY KEY (loan_file_id, member)
);
CREATE INDEX loan_file_shares_by_member ON loan_file_shares (member);

CREATE FUNCTION assets_can_see(file TEXT, who TEXT) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM loan_files WHERE id = file AND assigned_to = who)
        OR EXISTS (SELECT 1 FROM loan_file_shares WHERE loan_file_id = file AND member = who)
$$;
REVOKE ALL ON FUNCTION assets_can_see(TEXT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION assets_can_see(TEXT, TEXT)
    TO assets_underwriter, assets_supervisor, assets_qc;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO assets_underwriter, assets_supervisor, assets_qc;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public
    TO assets_underwriter, assets_supervisor;
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM assets_underwriter, assets_supervisor;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO assets_underwriter, assets_supervisor;

ALTER TABLE loan_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON loan_files TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY reads_all ON loan_files FOR SELECT TO assets_qc USING (true);
CREATE POLICY own_or_shared ON loan_files TO assets_underwriter
    USING (assets_can_see(id, current_user))
    WITH CHECK (assigned_to = current_user OR assets_can_see(id, current_user));

ALTER TABLE loan_file_shares ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON loan_file_shares TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY reads_all ON loan_file_shares FOR SELECT TO assets_qc USING (true);
CREATE POLICY of_own_files ON loan_file_shares TO assets_underwriter
    USING (member = current_user OR assets_can_see(loan_file_id, current_user))
    WITH CHECK (assets_can_see(loan_file_id, current_user));

ALTER TABLE audit_copies ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON audit_copies TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY reads_all ON audit_copies FOR SELECT TO assets_qc USING (true);
CREATE POLICY of_own_files ON audit_copies TO assets_underwriter
    USING (report_id IN (SELECT id FROM reports))
    WITH CHECK (report_id IN (SELECT id FROM reports));

-- The team key, sealed to each member's invite passphrase (scrypt, as `store.passphrase`).
CREATE TABLE team_invites (
    member     TEXT PRIMARY KEY,
    kdf        TEXT NOT NULL,
    verifier   BYTEA NOT NULL,
    sealed_key BYTEA NOT NULL,
    created_at TEXT NOT NULL
);
GRANT SELECT ON team_invites TO assets_underwriter, assets_supervisor, assets_qc;
GRANT INSERT, UPDATE, DELETE ON team_invites TO assets_supervisor;
ALTER TABLE team_invites ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON team_invites TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY own_invite ON team_invites FOR SELECT TO assets_underwriter, assets_qc
    USING (member = current_user);

ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON meta TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY reads_all ON meta FOR SELECT TO assets_qc, assets_underwriter USING (true);
CREATE POLICY marks_retention ON meta FOR ALL TO assets_underwriter
    USING (name = 'retention') WITH CHECK (name = 'retention');
"""

_CHILD_POLICIES = """
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY everything ON {table} TO assets_supervisor USING (true) WITH CHECK (true);
CREATE POLICY reads_all ON {table} FOR SELECT TO assets_qc USING (true);
CREATE POLICY of_own_files ON {table} TO assets_underwriter
    USING ({nullable}assets_can_see(loan_file_id, current_user))
    WITH CHECK ({nullable}assets_can_see(loan_file_id, current_user));
"""

TEAM_ACCESS = _ROLES + "".join(
    _CHILD_POLICIES.format(
        table=table,
        nullable="" if table in ("reports", "attachments") else "loan_file_id IS NULL OR ",
    )
    for table in _CHILD_TABLES
)
"""Migration 4: group roles, the assignee and shares of loan files, grants and policies."""
