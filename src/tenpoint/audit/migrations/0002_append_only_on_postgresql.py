"""On PostgreSQL the database itself refuses to change or delete an audit event, whoever asks
through the application's connection. The hash chain still catches what a database superuser could
do by disabling the trigger (``tenpoint audit verify``).

Not on SQLite (the embedded single-machine default): it has no way to tell the test runner's
emptying of tables from tampering, and there is no database role to separate there anyway.
TRUNCATE is left to the owner of the tables (it is how test databases are emptied).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TRIGGER_FUNCTION = "tenpoint_audit_event_append_only"

CREATE = f"""
CREATE OR REPLACE FUNCTION {TRIGGER_FUNCTION}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % of audit event % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION {TRIGGER_FUNCTION}();
"""
DROP = f"""
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS {TRIGGER_FUNCTION}();
"""


def _on_postgresql(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: RAISE uses % itself
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
