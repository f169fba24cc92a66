"""The dialogue actions, as registered by the plugin (IActions)."""
from __future__ import annotations

from . import activity, archive, events, polls, questions


def get_actions() -> dict:
    return {
        "event_list": events.event_list,
        "event_archive": archive.event_archive,
        "event_show": events.event_show,
        "event_create": events.event_create,
        "event_update": events.event_update,
        "event_material_create": events.event_material_create,
        "event_material_delete": events.event_material_delete,
        "event_question_list": questions.event_question_list,
        "event_question_show": questions.event_question_show,
        "event_question_create": questions.event_question_create,
        "event_question_vote": questions.event_question_vote,
        "event_question_moderate": questions.event_question_moderate,
        "event_question_answer": questions.event_question_answer,
        "dialogue_moderation_queue": questions.dialogue_moderation_queue,
        "poll_list": polls.poll_list,
        "poll_show": polls.poll_show,
        "poll_create": polls.poll_create,
        "poll_update": polls.poll_update,
        "poll_vote": polls.poll_vote,
        "poll_results": polls.poll_results,
        "poll_publish_results": polls.poll_publish_results,
        "dialogue_activity": activity.dialogue_activity,
    }
