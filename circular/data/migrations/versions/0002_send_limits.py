"""The shared sending limit: accounts, slots and waiters (``circular.sending.ratelimit``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 16:47:22.062973
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "send_accounts",
        sa.Column("account", sa.String(length=400), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("turns", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("account"),
    )
    op.create_table(
        "send_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=400), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("send_slots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_send_slots_account_started", ["account", "started_at"], unique=False
        )

    op.create_table(
        "send_waiters",
        sa.Column("account", sa.String(length=400), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account", "holder"),
    )


def downgrade() -> None:
    op.drop_table("send_waiters")
    with op.batch_alter_table("send_slots", schema=None) as batch_op:
        batch_op.drop_index("ix_send_slots_account_started")

    op.drop_table("send_slots")
    op.drop_table("send_accounts")
