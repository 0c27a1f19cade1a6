"""Saving and reading the citizen's self-assessments."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from portal.domain.progress_chart import DIMENSIONS, RatingPoint, valid_score
from portal.extensions import db
from portal.models.progress import ProgressRating
from portal.models.user import User


def record_progress(citizen: User, scores: Mapping[str, int | None]) -> ProgressRating:
    """Save one self-assessment (at least one dimension, each 1-10)."""
    clean = {d: scores.get(d) for d in DIMENSIONS}
    if all(v is None for v in clean.values()) or not all(valid_score(v) for v in clean.values()):
        raise ValueError("invalid scores")
    rating = ProgressRating(citizen_id=citizen.id, **clean)
    db.session.add(rating)
    db.session.commit()
    return rating


def progress_ratings(citizen_id: int) -> list[ProgressRating]:
    """The citizen's ratings, oldest first."""
    return list(
        db.session.scalars(
            select(ProgressRating)
            .where(ProgressRating.citizen_id == citizen_id)
            .order_by(ProgressRating.recorded_at, ProgressRating.id)
        )
    )


def rating_points(ratings: list[ProgressRating]) -> list[RatingPoint]:
    """Ratings as the chart's input."""
    return [
        RatingPoint(recorded_at=r.recorded_at, scores={d: getattr(r, d) for d in DIMENSIONS})
        for r in ratings
    ]
