"""scripts/backup.sh and scripts/restore.sh, once, for real: a PostgreSQL database with the
schema and personal data is dumped, restored into an empty database, and everything is
there again, with the migrations' version."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from portal.extensions import db
from portal.journal.operations import create_journal_entry
from portal.models.journal import JournalEntry
from portal.models.user import Role, User
from tests.conftest import (
    REPO,
    create_postgres_database,
    create_test_user,
    drop_postgres_database,
    make_app,
    service_missing,
)


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        service_missing("pg_dump/pg_restore not installed (Debian: postgresql-client)")
    source = create_postgres_database("backupsource")
    target = create_postgres_database("backuptarget")
    if source is None or target is None:
        service_missing("PostgreSQL not reachable")
    try:
        app = make_app(source, tmp_path)
        with app.app_context():
            upgrade()
            citizen = create_test_user(Role.CITIZEN, email="amina@example.dk")
            create_journal_entry(
                citizen, "goal", {"goal_area": "job", "body": "Lager, fuld tid", "language": "da"}
            )
            db.engine.dispose()
        dump = tmp_path / "jobvej.dump"
        env = {**os.environ, "JOBVEJ_DATABASE_URL": source}
        subprocess.run(["bash", str(REPO / "scripts/backup.sh"), str(dump)], env=env, check=True)
        assert dump.stat().st_size > 0 and oct(dump.stat().st_mode)[-3:] == "600"
        env["JOBVEJ_DATABASE_URL"] = target
        subprocess.run(["bash", str(REPO / "scripts/restore.sh"), str(dump)], env=env, check=True)
        restored = make_app(target, tmp_path / "restored")
        with restored.app_context():
            user = db.session.scalars(select(User).where(User.email == "amina@example.dk")).one()
            entry = db.session.scalars(select(JournalEntry)).one()
            assert entry.citizen_id == user.id and entry.body == "Lager, fuld tid"
            version = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version
            assert db.session.scalar(select(func.count()).select_from(User)) == 1
            db.engine.dispose()
        missing = subprocess.run(
            ["bash", str(REPO / "scripts/restore.sh"), str(tmp_path / "nope.dump")],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert missing.returncode != 0 and "no such file" in missing.stderr
    finally:
        drop_postgres_database(source)
        drop_postgres_database(target)
