"""PostgreSQL search: keep each resolution's tsvector in a stored generated column (GIN
indexed), so ranking matches does not re-read and re-parse every matching text.

Revision ID: 0003_register
Revises: 0002_register
"""
from alembic import op

revision = "0003_register"
down_revision = "0002_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite searches its FTS5 table
    op.execute("ALTER TABLE resolutions ADD COLUMN search_vector tsvector "
               "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
    op.execute("DROP INDEX IF EXISTS ix_resolutions_search")
    op.execute("CREATE INDEX ix_resolutions_search ON resolutions USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_resolutions_search")
    op.execute("ALTER TABLE resolutions DROP COLUMN search_vector")
    op.execute("CREATE INDEX ix_resolutions_search ON resolutions USING gin (to_tsvector('english', text))")
