"""Jobvej portal: a self-service portal for Danish municipal employment services.

`create_app` is imported lazily so that the pure domain code in `portal.domain`
can be imported (and tested) without Flask.
"""

from __future__ import annotations

from typing import Any


def create_app(config: Any = None) -> Any:
    """Build the Flask application (see `portal.app.create_app`)."""
    from portal.app import create_app as _create_app

    return _create_app(config)
