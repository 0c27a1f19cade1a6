"""staff teams (settings, portal-made teams), staff invitations, temporary passwords

Revision ID: 5b7e2c91d4a3
Revises: e6da35a62bb2
Create Date: 2026-12-06 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7e2c91d4a3'
down_revision = 'e6da35a62bb2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'staff_teams',
        sa.Column('id', sa.String(length=40), nullable=False),
        sa.Column('names', sa.JSON(), nullable=False),
        sa.Column('auto_assign', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_teams')),
    )
    op.create_table(
        'staff_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_staff_invitations_created_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staff_invitations_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invitations')),
    )
    with op.batch_alter_table('staff_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_invitations_token_hash'), ['token_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_staff_invitations_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    with op.batch_alter_table('staff_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_invitations_user_id'))
        batch_op.drop_index(batch_op.f('ix_staff_invitations_token_hash'))
    op.drop_table('staff_invitations')
    op.drop_table('staff_teams')
