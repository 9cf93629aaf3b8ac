"""Alembic environment: runs on the engine handed over in config.attributes (see migrate.py)."""
from alembic import context
from sqlalchemy import text

import govbot.store.tables  # noqa: F401  (puts the register's tables on Base.metadata)
from govbot.store.base import Base
from govbot.store.migrate import include_name

def run() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes opening a fresh database at once: one migrates, the other waits.
            connection.execute(text("SELECT pg_advisory_lock(727001)"))
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                include_name=include_name,
                render_as_batch=connection.dialect.name == "sqlite",
                transactional_ddl=True,
                compare_type=True,
            )
            with connection.execution_options(immediate=True).begin():
                context.run_migrations()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(727001)"))
                connection.commit()


run()
