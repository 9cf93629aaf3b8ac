"""The database: an engine for `config.database_url`, migrated on open.

SQLite (the default) runs in WAL mode with foreign keys on and a busy timeout; writes
take the lock up front (BEGIN IMMEDIATE) so two processes ingesting at once queue rather
than fail half way. PostgreSQL is used when the URL says so (psycopg 3).

`open_store(config)` runs Alembic `upgrade heads` (heads: other packages add their own
migration branches) and returns a Store, which is also a session factory.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 here (psycopg2 is not installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _sqlite_pragmas(engine)
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, say when transactions begin (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A writer that starts with a read lock and upgrades later can fail with "database
        # is locked" however long it waits; writers take the write lock at BEGIN instead.
        immediate = connection.get_execution_options().get("immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """The register's database. `store()` gives a Session; `store.write()` one transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(immediate=True), expire_on_commit=False)

    def __call__(self) -> Session:
        return self._read()

    def session(self) -> Session:
        return self._read()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed whole at the end, rolled back whole on any error."""
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(config=None, url: Optional[str] = None, migrate: bool = True) -> Store:
    """The store for `config.database_url` (or `url`), migrated to the newest schema."""
    engine = make_engine(url or config.database_url)
    if migrate:
        from govbot.store.migrate import upgrade

        upgrade(engine)
    return Store(engine)
