"""List delegated actions newest first without sorting the whole register: the meeting
date is kept on each delegation (indexed).

Revision ID: 0002_register
Revises: 0001_register
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_register"
down_revision = "0001_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_delegations_decided_on"), ["decided_on"], unique=False)
    op.execute(
        "UPDATE delegations SET decided_on = (SELECT m.date FROM items i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE i.id = delegations.item_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegations_decided_on"))
        batch_op.drop_column("decided_on")
