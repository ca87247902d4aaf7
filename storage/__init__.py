"""SQLite storage: schema, migrations, repositories and the aiogram FSM storage."""
