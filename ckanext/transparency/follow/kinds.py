"""What each happening a follower is told of means, in words made in the reader's language when
the mail is written."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

WORDS = {
    "event_announced": lambda: tk._("a new event is announced"),
    "event_postponed": lambda: tk._("the event is postponed"),
    "event_starting": lambda: tk._("the event is starting now"),
    "event_recording": lambda: tk._("the recording of the event is published"),
    "draft_opened": lambda: tk._("the draft is open for discussion"),
    "draft_closing_soon": lambda: tk._("the discussion of the draft closes in 3 days"),
    "draft_report": lambda: tk._("the report on the discussion is published"),
    "draft_adopted": lambda: tk._("the document is adopted"),
    "dataset_new_period": lambda: tk._("new data for a new period"),
    "dataset_overdue": lambda: tk._("the dataset is overdue"),
}
TOLD = tuple(WORDS)


def words(kind: str) -> str:
    return WORDS[kind]()
