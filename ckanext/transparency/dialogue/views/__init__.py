"""Web pages of open dialogue, one blueprint `dialogue` under /dialogue; views stay thin: they
call the actions and render templates under templates/dialogue/."""
from __future__ import annotations

from flask import Blueprint

from . import events, feeds, polls, questions  # noqa: F401  (they add their routes)
from .common import dialogue


def blueprints() -> list[Blueprint]:
    return [dialogue]
