"""`python -m bot backup` copies a live database while the bot goes on writing to it."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from storage.db import Database


async def test_backup_copies_the_database_while_the_bot_writes(tmp_path: Path) -> None:
    source = tmp_path / "live.db"
    db = await Database.open(source)
    async with db.transaction() as tx:
        await tx.ensure_user(1, "Anna", None, "ru")
        workspace = await tx.ensure_workspace(1, "private", "Anna")
        for i in range(50):
            await tx.add_partner(workspace.id, f"Partner {i}", 1)
    env = {**os.environ, "DATABASE_PATH": str(source)}
    target = tmp_path / "copies" / "backup.db"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", str(target), env=env, cwd=tmp_path,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    async with db.transaction() as tx:  # the bot goes on writing meanwhile
        await tx.add_partner(workspace.id, "Written during the backup", 1)
    _, errors = await process.communicate()
    await db.close()
    assert process.returncode == 0, errors.decode()
    with sqlite3.connect(target) as copy:
        count = copy.execute("SELECT count(*) FROM partners").fetchone()[0]
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count in (50, 51)
