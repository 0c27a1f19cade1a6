"""meetings: cancellation (who, why, note, seen); a cancelled meeting frees its slot

The unique constraint on (caseworker_id, starts_at) becomes a partial unique index over the
meetings that are not cancelled, so a cancelled first meeting's slot can be booked again while
two live meetings for one caseworker at one moment stay impossible.

Revision ID: 9b1f3c5d7e21
Revises: 7c3d9a1e5f20
Create Date: 2026-12-06 04:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b1f3c5d7e21'
down_revision = '7c3d9a1e5f20'
branch_labels = None
depends_on = None

ACTIVE = sa.text("status != 'cancelled'")


def upgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('cancel_note', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('cancel_note_language', sa.String(length=8), server_default='', nullable=False))
        batch_op.add_column(sa.Column('cancel_seen_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_meetings_cancelled_by_id_users'), 'users', ['cancelled_by_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.drop_constraint('uq_meetings_caseworker_starts_at', type_='unique')
        batch_op.create_index(
            'uq_meetings_caseworker_starts_at_active', ['caseworker_id', 'starts_at'], unique=True,
            sqlite_where=ACTIVE, postgresql_where=ACTIVE,
        )


def downgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index('uq_meetings_caseworker_starts_at_active')
        batch_op.create_unique_constraint('uq_meetings_caseworker_starts_at', ['caseworker_id', 'starts_at'])
        batch_op.drop_constraint(batch_op.f('fk_meetings_cancelled_by_id_users'), type_='foreignkey')
        batch_op.drop_column('cancel_seen_at')
        batch_op.drop_column('cancel_note_language')
        batch_op.drop_column('cancel_note')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_by_id')
        batch_op.drop_column('cancelled_at')
