"""Alembic, configured in code: `upgrade(engine)` brings any database to every head.

Revisions live in `govbot/store/migrations/versions/` and in any other package's
`govbot/<package>/migrations/` folder (see migrations/README.md), so each engineer owns
their own branch and `upgrade heads` applies them all.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent
GOVBOT = HERE.parent


# Search machinery Alembic must not try to drop: the FTS5 table and its shadow tables,
# and PostgreSQL's full-text column and index (not declared on the models).
SKIP_PREFIXES = ("resolutions_fts",)
SKIP_NAMES = {"ix_resolutions_search", "search_vector"}  # PostgreSQL's generated tsvector column


def include_name(name, type_, parent_names) -> bool:
    return name is None or not (name.startswith(SKIP_PREFIXES) or name in SKIP_NAMES)


def version_locations() -> list[str]:
    mine = HERE / "migrations" / "versions"
    others = sorted(p for p in GOVBOT.glob("*/migrations") if p.is_dir() and p.parent != HERE)
    return [str(mine), *(str(p) for p in others)]


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("version_locations", " ".join(version_locations()))
    cfg.set_main_option("path_separator", "space")
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, target: str = "heads") -> None:
    command.upgrade(alembic_config(engine), target)
