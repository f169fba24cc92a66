"""Following: ask (an account follows at once; an e-mail address gets a confirmation link),
confirm, unsubscribe by a signed link, stop following, and whether a user follows a subject.

The address is never in an answer: whatever was asked with an address, the answer is the same,
so that nobody learns from it whether an address already follows something."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.rate_limits import client_address

from .. import confirmation, followers, safety, subjects, telegram, tokens
from ..model import Follow, utcnow
from . import schema


def _language(requested: str | None) -> str:
    offered = tk.config.get("ckan.locales_offered") or []
    if requested and (not offered or requested in offered):
        return requested
    try:
        return tk.h.lang()
    except (RuntimeError, AttributeError):  # no request
        return tk.config.get("ckan.locale_default") or "en"


def _user(context: dict) -> model.User | None:
    user = context.get("auth_user_obj")
    if user is None and context.get("user"):
        user = model.User.get(context["user"])
    return user if isinstance(user, model.User) else None


def _public(subject: dict) -> dict:
    return {"subject_type": subject["type"], "id": subject["id"], "name": subject["name"],
            "title": subject["title"], "url": subject["url"]}


@tk.validate_action_data(schema.subscribe_schema)
def follow_subscribe(context, data_dict):
    """Follow a dataset, a department (organization), a draft or an event.

    Signed in and without an e-mail address: the account follows at once. With an address: a
    link to confirm is sent to it, and nothing is sent there until it is opened; asking again
    does not add a second follow.

    :param subject_type: dataset, organization, draft or event
    :param id: its id or name
    :param email: the address to tell (optional when signed in)
    :param frequency: immediate (default) or daily (one digest a day)
    :param language: uz, uz_Cyrl, ru or en (default: the page's language)
    :returns: {"status": "following" | "confirmation_sent", "subject": ...}
    """
    tk.check_access("follow_subscribe", context, data_dict)
    subject = subjects.find(data_dict["subject_type"], data_dict["id"],
                            {"user": context.get("user")})
    language = _language(data_dict.get("language"))
    user = _user(context)
    if not data_dict.get("email"):
        if user is None:
            raise tk.ValidationError({"email": [tk._(
                "Please give your e-mail address, or sign in to follow with your account.")]})
        followers.choose(user.id, language, data_dict["frequency"])
        followers.follow(user, subject)
        return {"status": "following", "subject": _public(subject)}
    if not safety.request_allowed(client_address()):
        raise tk.ValidationError({"email": [tk._(
            "Too many requests from this address; please try again later.")]})
    address = data_dict["email"].lower()
    row = model.Session.query(Follow).filter_by(
        subject_type=subject["type"], subject_id=subject["id"], email=address).one_or_none()
    if row is None:
        row = Follow(subject_type=subject["type"], subject_id=subject["id"], email=address,
                     language=language, frequency=data_dict["frequency"])
        model.Session.add(row)
        model.Session.commit()
    if row.confirmed_at is None:
        confirmation.enqueue(row.id)
    return {"status": "confirmation_sent", "subject": _public(subject)}


@tk.validate_action_data(schema.token_schema)
def follow_confirm(context, data_dict):
    """Confirm an e-mail follow with the signed link sent to the address.

    :param token: the link's token
    :returns: {"status": "confirmed", "subject": ...}
    """
    tk.check_access("follow_confirm", context, data_dict)
    payload = tokens.read(tokens.CONFIRM, data_dict["token"])
    row = model.Session.get(Follow, payload.get("follow") or "")
    if row is None or row.email is None:
        raise tk.ValidationError({"token": [tk._("This link is no longer valid: the follow was "
                                                 "cancelled. Please ask to follow again.")]})
    if row.confirmed_at is None:
        row.confirmed_at = utcnow()
        model.Session.commit()
    subject = subjects.find(row.subject_type, row.subject_id)
    return {"status": "confirmed", "subject": _public(subject)}


@tk.validate_action_data(schema.token_schema)
def follow_unsubscribe(context, data_dict):
    """Stop a follow with the signed link of any message about it; no sign-in needed.

    :param token: the link's token
    :returns: {"status": "unsubscribed", "subject": ... or null}
    """
    tk.check_access("follow_unsubscribe", context, data_dict)
    payload = tokens.read(tokens.UNSUBSCRIBE, data_dict["token"])
    subject_type, subject_id = payload.get("type"), payload.get("subject")
    if payload.get("follow"):
        model.Session.query(Follow).filter_by(id=payload["follow"]).delete()
        model.Session.commit()
    elif payload.get("user"):
        user = model.Session.get(model.User, payload["user"])
        if user is not None:
            followers.unfollow(user, subject_type, subject_id)
    try:
        subject = _public(subjects.find(subject_type, subject_id))
    except (tk.ObjectNotFound, KeyError):
        subject = None
    return {"status": "unsubscribed", "subject": subject}


@tk.validate_action_data(schema.subject_schema)
def follow_unfollow(context, data_dict):
    """The signed-in user stops following a subject.

    :param subject_type: dataset, organization, draft or event
    :param id: its id or name
    """
    tk.check_access("follow_unfollow", context, data_dict)
    subject = subjects.find(data_dict["subject_type"], data_dict["id"],
                            {"user": context.get("user")})
    user = _user(context)
    if user is not None:
        followers.unfollow(user, subject["type"], subject["id"])
    return {"status": "not_following", "subject": _public(subject)}


@tk.side_effect_free
@tk.validate_action_data(schema.subject_schema)
def follow_status(context, data_dict):
    """Whether the signed-in user follows a subject, and how they are told.

    :param subject_type: dataset, organization, draft or event
    :param id: its id or name
    """
    tk.check_access("follow_status", context, data_dict)
    subject = subjects.find(data_dict["subject_type"], data_dict["id"],
                            {"user": context.get("user")})
    user = _user(context)
    if user is None:
        raise tk.NotAuthorized()
    choice = followers.choice(user.id)
    return {"following": followers.is_following(user, subject), "frequency": choice.frequency,
            "language": choice.language, "subject": _public(subject),
            "telegram": {"offered": telegram.available(),
                         "linked": telegram.linked(telegram.user_key(user.id))}}


@tk.validate_action_data(schema.telegram_link_schema)
def follow_telegram_link(context, data_dict):
    """A one-time link that connects the follower to the portal's Telegram bot, which then
    tells them of what they follow too. The follower is the signed-in user, or, with the
    token of the link in a follow mail, the address it went to.

    :param token: the token of a mail's Telegram link (optional when signed in)
    :returns: {"url": "https://t.me/<bot>?start=<one-time token>", "expires_in_hours": n}
    """
    tk.check_access("follow_telegram_link", context, data_dict)
    user = _user(context)
    if data_dict.get("token"):
        follower = tokens.read(tokens.TELEGRAM, data_dict["token"]).get("follower")
    elif user is not None:
        follower = telegram.user_key(user.id)
    else:
        raise tk.ValidationError({"token": [tk._(
            "Please sign in, or open the Telegram link of one of our e-mails.")]})
    link = telegram.deep_link(str(follower or ""))
    if link is None:
        raise tk.ValidationError({"token": [tk._("Telegram is not offered on this portal.")]})
    return link


def follow_telegram_unlink(context, data_dict):
    """The signed-in user is no longer told in Telegram (the bot's /unlink does the same).

    :returns: {"linked": false}
    """
    tk.check_access("follow_telegram_unlink", context, data_dict)
    user = _user(context)
    if user is None:
        raise tk.NotAuthorized()
    telegram.unlink(telegram.user_key(user.id))
    return {"linked": False}


def get_actions() -> dict:
    return {"follow_subscribe": follow_subscribe, "follow_confirm": follow_confirm,
            "follow_unsubscribe": follow_unsubscribe, "follow_unfollow": follow_unfollow,
            "follow_status": follow_status, "follow_telegram_link": follow_telegram_link,
            "follow_telegram_unlink": follow_telegram_unlink}
