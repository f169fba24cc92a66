"""Polls: single or multiple choice, open between two times, one vote per account (a secret
ballot: who voted is kept apart from what was chosen), results shown after voting or after
closing as the editor chose; closed results become an open dataset."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ckanext.transparency.actions import reference

from .. import model as m
from . import common, schema
from .dictization import poll_dictize, poll_results_dictize
from .. import opendata

MAX_OPTIONS = 20


def _get_poll(reference: str | None) -> m.Poll:
    poll = m.Poll.get(reference)
    if poll is None:
        raise tk.ObjectNotFound(tk._("Poll not found"))
    return poll


def has_voted(poll: m.Poll, user: model.User | None) -> bool:
    return user is not None and model.Session.get(m.PollVoter, (poll.id, user.id)) is not None


def results_visible(poll: m.Poll, context: dict, voted: bool) -> bool:
    if poll.state() == "closed" or common.is_editor(context, poll.owner_org):
        return True
    return poll.results_visibility == "after_vote" and voted


def _dictize(poll: m.Poll, context: dict) -> dict:
    voted = has_voted(poll, common.current_user(context))
    result = poll_dictize(poll, voted, results_visible(poll, context, voted))
    result["can_edit"] = common.is_editor(context, poll.owner_org)
    return result


def _check_options(options: list[str]) -> None:
    if len(options) < 2:
        raise tk.ValidationError({"options": [tk._("A poll needs at least two options")]})
    if len(options) > MAX_OPTIONS:
        raise tk.ValidationError({"options": [tk._("At most {n} options").format(
            n=MAX_OPTIONS)]})
    if len({o.casefold() for o in options}) != len(options):
        raise tk.ValidationError({"options": [tk._("Two options are the same")]})
    if any(len(o) > 300 for o in options):
        raise tk.ValidationError({"options": [tk._("At most {n} characters").format(n=300)]})


def _check_event(context: dict, event_id: str | None, current: str | None = None) -> str | None:
    """The id of the event a poll belongs to: a new one must be of a department the user
    edits."""
    if not event_id:
        return None
    event = m.Event.get(event_id)
    if event is None:
        raise tk.ValidationError({"event_id": [tk._("Event not found")]})
    if event.id != current and not common.is_editor(context, event.owner_org):
        raise tk.NotAuthorized(tk._("Only the department's editors can do this"))
    return event.id


@tk.validate_action_data(schema.poll_create_schema)
def poll_create(context, data_dict):
    """Create a poll (department editors).

    :param owner_org: the department; :param question, description: texts
    :param options: list of 2 to 20 answers
    :param multiple: several answers may be chosen (default false)
    :param opens_at: default now; :param closes_at: required, after opens_at
    :param results_visibility: after_vote (default) or after_close
    :param event_id: the event the poll belongs to (optional)
    """
    tk.check_access("poll_create", context, data_dict)
    _check_options(data_dict["options"])
    opens_at = data_dict.get("opens_at") or m.utcnow()
    if data_dict["closes_at"] <= opens_at:
        raise tk.ValidationError({"closes_at": [tk._("The poll must close after it opens")]})
    if data_dict.get("name"):
        common.check_name_free(m.Poll, data_dict["name"])
        name = data_dict["name"]
    else:
        name = common.unique_name(m.Poll, data_dict["question"][:80], "poll")
    poll = m.Poll(name=name, owner_org=data_dict["owner_org"], event_id=_check_event(
        context, data_dict.get("event_id")), question=data_dict["question"],
        description=data_dict.get("description", ""), multiple=data_dict.get("multiple", False),
        opens_at=opens_at, closes_at=data_dict["closes_at"],
        results_visibility=data_dict.get("results_visibility", "after_vote"))
    poll.options = [m.PollOption(position=i, label=label)
                    for i, label in enumerate(data_dict["options"])]
    model.Session.add(poll)
    model.Session.commit()
    return _dictize(poll, context)


@tk.validate_action_data(schema.poll_update_schema)
def poll_update(context, data_dict):
    """Change a poll; only the fields given change. Once someone has voted, the options and
    `multiple` are fixed; setting `closes_at` to now closes the poll early."""
    poll = _get_poll(reference(data_dict))
    tk.check_access("poll_update", context, data_dict)
    if "owner_org" in data_dict and not common.is_editor(context, data_dict["owner_org"]):
        raise tk.NotAuthorized(tk._("Only the department's editors can do this"))
    if "event_id" in data_dict:
        data_dict["event_id"] = _check_event(context, data_dict["event_id"], poll.event_id)
    if data_dict.get("name") and data_dict["name"] != poll.name:
        common.check_name_free(m.Poll, data_dict["name"], poll.id)
        poll.name = data_dict["name"]
    current = [o.label for o in poll.options]
    if "options" in data_dict and data_dict["options"] != current:
        if poll.voters:
            raise tk.ValidationError({"options": [tk._(
                "The options cannot change once people have voted")]})
        _check_options(data_dict["options"])
        poll.options = [m.PollOption(position=i, label=label)
                        for i, label in enumerate(data_dict["options"])]
    if "multiple" in data_dict and data_dict["multiple"] != poll.multiple and poll.voters:
        raise tk.ValidationError({"multiple": [tk._(
            "The kind of choice cannot change once people have voted")]})
    for field in ("owner_org", "question", "description", "multiple", "opens_at", "closes_at",
                  "results_visibility"):
        if field in data_dict:
            setattr(poll, field, data_dict[field])
    if "event_id" in data_dict:
        poll.event_id = data_dict["event_id"]
    if poll.closes_at <= poll.opens_at:
        raise tk.ValidationError({"closes_at": [tk._("The poll must close after it opens")]})
    poll.modified = m.utcnow()
    model.Session.commit()
    return _dictize(poll, context)


@tk.side_effect_free
@tk.validate_action_data(schema.poll_show_schema)
def poll_show(context, data_dict):
    """A poll, with `has_voted`, and its results when the viewer may see them.

    :param id: id or name
    """
    tk.check_access("poll_show", context, data_dict)
    return _dictize(_get_poll(data_dict["id"]), context)


@tk.side_effect_free
@tk.validate_action_data(schema.poll_list_schema)
def poll_list(context, data_dict):
    """Polls, newest first. :param owner_org, state (upcoming, open, closed), event_id:
    filters; :param limit, offset: paging. :returns: {"count": n, "results": [...]}"""
    tk.check_access("poll_list", context, data_dict)
    now = m.utcnow()
    query = model.Session.query(m.Poll)
    if data_dict.get("owner_org"):
        query = query.filter(m.Poll.owner_org == data_dict["owner_org"])
    if data_dict.get("event_id"):
        event = m.Event.get(data_dict["event_id"])
        query = query.filter(m.Poll.event_id == (event.id if event else None))
    state = data_dict.get("state")
    if state == "upcoming":
        query = query.filter(m.Poll.opens_at > now)
    elif state == "open":
        query = query.filter(m.Poll.opens_at <= now, m.Poll.closes_at > now)
    elif state == "closed":
        query = query.filter(m.Poll.closes_at <= now)
    count = query.count()
    polls = (query.order_by(m.Poll.opens_at.desc(), m.Poll.name)
             .offset(data_dict["offset"]).limit(data_dict["limit"]).all())
    return {"count": count, "results": [_dictize(p, context) for p in polls]}


@tk.validate_action_data(schema.poll_vote_schema)
def poll_vote(context, data_dict):
    """Vote once (signed-in users) while the poll is open.

    :param id: the poll; :param options: the chosen option ids (exactly one for a single
        choice poll)
    :returns: the poll, with its results when they are shown after voting
    """
    user = common.require_user(context)
    tk.check_access("poll_vote", context, data_dict)
    poll = _get_poll(data_dict["id"])
    state = poll.state()
    if state != "open":
        raise tk.ValidationError({"id": [tk._("This poll is not open") if state == "upcoming"
                                         else tk._("This poll has closed")]})
    chosen = list(dict.fromkeys(data_dict["options"]))
    valid = {o.id for o in poll.options}
    if not chosen or not set(chosen) <= valid:
        raise tk.ValidationError({"options": [tk._("Choose among the poll's options")]})
    if not poll.multiple and len(chosen) != 1:
        raise tk.ValidationError({"options": [tk._("Choose one option")]})
    if has_voted(poll, user):
        raise tk.ValidationError({"id": [tk._("You have already voted in this poll")]})
    model.Session.add(m.PollVoter(poll_id=poll.id, user_id=user.id))
    try:
        model.Session.flush()
    except IntegrityError:  # a second vote sent at the same time
        model.Session.rollback()
        raise tk.ValidationError({"id": [tk._("You have already voted in this poll")]})
    model.Session.execute(update(m.PollOption).where(m.PollOption.id.in_(chosen))
                          .values(votes=m.PollOption.votes + 1))
    model.Session.execute(update(m.Poll).where(m.Poll.id == poll.id)
                          .values(voters=m.Poll.voters + 1))
    model.Session.commit()
    model.Session.refresh(poll)
    for option in poll.options:
        model.Session.refresh(option)
    return _dictize(poll, context)


@tk.side_effect_free
@tk.validate_action_data(schema.poll_show_schema)
def poll_results(context, data_dict):
    """The counts of a poll, when the viewer may see them (after voting, or after closing, as
    the editor chose; the department's editors always).

    :returns: {"id", "state", "voters", "options": [{"id", "label", "votes", "share"}]}
    """
    tk.check_access("poll_results", context, data_dict)
    poll = _get_poll(data_dict["id"])
    voted = has_voted(poll, common.current_user(context))
    if not results_visible(poll, context, voted):
        raise tk.NotAuthorized(
            tk._("The results are shown once the poll closes")
            if poll.results_visibility == "after_close"
            else tk._("The results are shown after you vote"))
    return {"id": poll.id, "name": poll.name, "state": poll.state(),
            "dataset_id": poll.dataset_id, **poll_results_dictize(poll)}


@tk.validate_action_data(schema.poll_show_schema)
def poll_publish_results(context, data_dict):
    """Publish a closed poll's results as an open dataset of its department (a CSV file).
    Idempotent. :returns: the dataset (package_show)"""
    tk.check_access("poll_publish_results", context, data_dict)
    poll = _get_poll(data_dict["id"])
    if poll.state() != "closed":
        raise tk.ValidationError({"id": [tk._("Results are published once the poll closes")]})
    return opendata.publish(poll, context.get("user"))
