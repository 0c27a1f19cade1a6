"""citizen support (target group, benefit, spell start) for effect steering

Revision ID: 7c3d9a1e5f20
Revises: 7c4d1e2f9a60
Create Date: 2026-12-07 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3d9a1e5f20'
down_revision = '7c4d1e2f9a60'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'citizen_support',
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('target_group', sa.String(length=40), nullable=True),
        sa.Column('benefit', sa.String(length=40), nullable=True),
        sa.Column('support_since', sa.Date(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['citizen_id'], ['users.id'],
            name=op.f('fk_citizen_support_citizen_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('citizen_id', name=op.f('pk_citizen_support')),
    )
    with op.batch_alter_table('citizen_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citizen_support_target_group'), ['target_group'], unique=False)


def downgrade():
    with op.batch_alter_table('citizen_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citizen_support_target_group'))
    op.drop_table('citizen_support')
