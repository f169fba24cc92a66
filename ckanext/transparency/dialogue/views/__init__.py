"""Web pages of open dialogue, one blueprint `dialogue` under /dialogue; views stay thin: they
call the actions and render templates under templates/dialogue/."""
from __future__ import annotations

from flask import Blueprint

dialogue = Blueprint("dialogue", __name__, url_prefix="/dialogue")


def blueprints() -> list[Blueprint]:
    from . import events, feeds, polls, questions  # noqa: F401  (they add their routes)
    return [dialogue]
