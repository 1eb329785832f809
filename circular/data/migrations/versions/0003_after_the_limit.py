"""What came after the shared limit: a person's actions (``actions``), checked PDF letters
(``letter_pdfs``), personal reply links and the page's answers (``reply_links``,
``web_answers``), and a letter's generation (a resend or a corrected address keeps the old row,
superseded).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 17:35:46.876072
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("command", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_campaign"), ["campaign"], unique=False)
        batch_op.create_index("ix_actions_contact", ["campaign", "contact_id"], unique=False)

    op.create_table(
        "letter_pdfs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=1024), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("docx_sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("pdfa", sa.Boolean(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign", "contact_id", name="uq_letter_pdf_contact"),
    )
    with op.batch_alter_table("letter_pdfs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_pdfs_campaign"), ["campaign"], unique=False)

    op.create_table(
        "reply_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("reply_links", schema=None) as batch_op:
        batch_op.create_index("ix_reply_links_contact", ["campaign", "contact_id"], unique=False)

    op.create_table(
        "web_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("speaker_name", sa.Text(), nullable=False),
        sa.Column("speaker_title", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["reply_links.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["replies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("web_answers", schema=None) as batch_op:
        batch_op.create_index("ix_web_answers_announced", ["announced_at"], unique=False)
        batch_op.create_index("ix_web_answers_contact", ["campaign", "contact_id"], unique=False)

    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("generation", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("superseded_by", sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_message_kind"), type_="unique")
        batch_op.create_unique_constraint(
            "uq_message_kind", ["campaign", "contact_id", "kind", "generation"]
        )


def downgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_constraint("uq_message_kind", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_message_kind"), ["campaign", "contact_id", "kind"]
        )
        batch_op.drop_column("superseded_by")
        batch_op.drop_column("generation")

    with op.batch_alter_table("web_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_web_answers_contact")
        batch_op.drop_index("ix_web_answers_announced")

    op.drop_table("web_answers")
    with op.batch_alter_table("reply_links", schema=None) as batch_op:
        batch_op.drop_index("ix_reply_links_contact")

    op.drop_table("reply_links")
    with op.batch_alter_table("letter_pdfs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_pdfs_campaign"))

    op.drop_table("letter_pdfs")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index("ix_actions_contact")
        batch_op.drop_index(batch_op.f("ix_actions_campaign"))

    op.drop_table("actions")
