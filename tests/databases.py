"""Test databases: a copy of a migrated SQLite file, or a private schema on the test
PostgreSQL server (GOVBOT_TEST_POSTGRES_URL), dropped afterwards. Tests skip, saying why,
when no PostgreSQL server is configured or reachable."""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import pytest
from sqlalchemy import create_engine, text

from govbot.store.db import normalise_url

HOW = "e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_base_url() -> str:
    """The test server's URL; skips the test when it is unset or unreachable."""
    url = os.environ.get("GOVBOT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(f"PostgreSQL tests need GOVBOT_TEST_POSTGRES_URL ({HOW})")
    base = normalise_url(url)
    try:
        engine = create_engine(base)
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: skip, and say why
        pytest.skip(f"PostgreSQL at GOVBOT_TEST_POSTGRES_URL is unreachable: {str(exc).splitlines()[0]}")
    return base


@contextmanager
def private_postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A URL whose search_path is a fresh schema, so tests never see each other's rows."""
    with private_schema(postgres_base_url(), prefix) as url:
        yield url


@contextmanager
def private_schema(url: str, prefix: str = "t") -> Iterator[str]:
    """A URL on the PostgreSQL server at `url` whose search_path is a fresh schema, dropped
    afterwards (the benchmarks use it too)."""
    base = normalise_url(url)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def make_store_url(kind: str, tmp_path: Path, template: Optional[Path] = None):
    """(url, cleanup) for a fresh, private database of this kind ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        if template is not None:
            shutil.copyfile(template, tmp_path / "register.sqlite")
        return f"sqlite:///{tmp_path / 'register.sqlite'}", lambda: None
    schema = private_postgres_schema()
    url = schema.__enter__()
    return url, lambda: schema.__exit__(None, None, None)
