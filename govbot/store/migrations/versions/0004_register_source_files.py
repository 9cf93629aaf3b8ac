"""Every file ingested, by hash, and the document it is a copy of (a report's DOCX and PDF
are one document): re-ingesting either is "unchanged". Filled from the documents so far.

Revision ID: 0004_register
Revises: 0003_register
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_register"
down_revision = "0003_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=True),
        sa.Column("parser_version", sa.String(length=40), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_source_files_document_id_documents")),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_source_files")),
    )
    with op.batch_alter_table("source_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_files_document_id"), ["document_id"], unique=False)
    op.execute(
        "INSERT INTO source_files (sha256, document_id, name, format, parser_version, seen_at) "
        "SELECT sha256, id, name, format, parser_version, updated_at FROM documents "
        "WHERE id IN (SELECT MIN(id) FROM documents GROUP BY sha256)"
    )


def downgrade() -> None:
    with op.batch_alter_table("source_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_files_document_id"))
    op.drop_table("source_files")
