"""What the bot answers to a private message, in the sender's language (Telegram's
language_code when the portal offers it, else the site's):

- /start <token>: link an appeal (appeal_links.py) or a follower (follower_links.py);
  /unlink: stop all messages about appeals and what the chat's follower follows;
- /events: the upcoming events that take questions, numbered;
- /ask N <question>: a question for event N, into the same moderation queue as the web's,
  asked through the sender's portal account (one per Telegram account), so the same limit on
  questions per account applies;
- /vote N M: support the published question M of event N (one vote per account);
- anything else: the help.
"""
from __future__ import annotations

import hashlib
import secrets

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.actions import messages_of
from ckanext.transparency.core.context import as_user
from ckanext.transparency.i18n.site_language import in_language

from . import appeal_links, follower_links, link_tokens, outbox
from .model import Account

LANGUAGES = {"uz": "uz", "ru": "ru", "en": "en"}


def _locale(sender: dict) -> str | None:
    code = str(sender.get("language_code") or "").split("-")[0].lower()
    return LANGUAGES.get(code)


def account(sender: dict) -> model.User:
    """The portal account of a Telegram user, made at their first question or vote. Its name
    is a hash of the Telegram id: nothing about the person."""
    telegram_id = int(sender["id"])
    row = model.Session.get(Account, telegram_id)
    if row is not None:
        user = model.Session.get(model.User, row.user_id)
        if user is not None:
            return user
    name = "telegram-" + hashlib.sha256(f"telegram:{telegram_id}".encode()).hexdigest()[:20]
    user = model.User.get(name)
    if user is None:
        user = model.User(name=name, fullname="Telegram", password=secrets.token_urlsafe(32),
                          state="active")
        model.Session.add(user)
        model.Session.flush()
    if row is None:
        model.Session.add(Account(telegram_user_id=telegram_id, user_id=user.id))
    else:
        row.user_id = user.id
    model.Session.commit()
    return user


COMMANDS = {"events": "/events", "ask": "/ask", "vote": "/vote", "unlink": "/unlink"}


def _say(translated: str) -> str:
    """A translated message with the bot's commands put in (they are placeholders, so that
    no translation or transliteration changes them)."""
    return translated.format(**COMMANDS)


def _help() -> str:
    return "\n".join([
        tk._("This is the bot of the organization's open portal."),
        _say(tk._("{events}: upcoming events that take questions")),
        _say(tk._("{ask} N question: ask a question before event N")),
        _say(tk._("{vote} N M: support the published question M of event N")),
        _say(tk._("{unlink}: stop messages about your appeals and what you follow")),
    ])


def _events(context: dict) -> list[dict]:
    found = tk.get_action("event_list")(dict(context), {"when": "upcoming", "limit": 20})
    return [e for e in found["results"] if e["accepts_questions"]]


def _event_list(context: dict) -> str:
    events = _events(context)
    if not events:
        return tk._("No upcoming event takes questions now.")
    lines = [tk._("Upcoming events that take questions:")]
    for number, event in enumerate(events, 1):
        when = tk.h.render_datetime(tk.h.date_str_to_datetime(event["start"].rstrip("Z")),
                                    with_hours=True)
        lines.append(f"{number}. {event['title']} ({when})\n{event['url']}")
    lines.append(_say(tk._("Send {ask} N question (N: the event's number).")))
    return "\n".join(lines)


def _pick_event(context: dict, number: str) -> dict | None:
    events = _events(context)
    if not number.isdigit() or not 1 <= int(number) <= len(events):
        return None
    return events[int(number) - 1]


def _ask(context: dict, sender: dict, arguments: str) -> str:
    number, _sep, text = arguments.strip().partition(" ")
    event = _pick_event(context, number)
    if event is None or not text.strip():
        return _say(tk._("Send {ask} N question; {events} lists the events' numbers."))
    user = account(sender)
    try:
        question = tk.get_action("event_question_create")(
            as_user(user.name, ignore_auth=False),
            {"event_id": event["id"], "text": text.strip()})
    except (tk.ValidationError, tk.NotAuthorized) as error:
        reason = messages_of(error) if isinstance(error, tk.ValidationError) else str(error)
        return tk._("The question was not accepted: {reason}").format(reason=reason)
    if question["status"] == "pending":
        return tk._("Thank you. Your question #{number} waits for the moderator; it is "
                    "published by the rules: {url}").format(
            number=question["number"], url=event["url"])
    return tk._("Thank you. Your question #{number} is published: {url}").format(
        number=question["number"], url=event["url"])


def _vote(context: dict, sender: dict, arguments: str) -> str:
    event_number, _sep, question_number = arguments.strip().partition(" ")
    event = _pick_event(context, event_number)
    question_number = question_number.strip().lstrip("#")
    if event is None or not question_number.isdigit():
        return _say(tk._("Send {vote} N M (M: the question's number); {events} lists the "
                    "events' numbers."))
    user = account(sender)
    voter = as_user(user.name, ignore_auth=False)
    questions = tk.get_action("event_question_list")(
        dict(voter), {"event_id": event["id"], "sort": "number"})["results"]
    wanted = next((q for q in questions if q["number"] == int(question_number)), None)
    if wanted is None:
        return tk._("No published question #{number} on this event.").format(
            number=question_number)
    try:
        tk.get_action("event_question_vote")(dict(voter), {"id": wanted["id"]})
    except (tk.ValidationError, tk.NotAuthorized) as error:
        reason = messages_of(error) if isinstance(error, tk.ValidationError) else str(error)
        return tk._("The vote was not counted: {reason}").format(reason=reason)
    return tk._("Your vote for question #{number} is counted.").format(number=question_number)


def _start(context: dict, chat_id: int, sender: dict, token: str) -> str:
    if not token:
        return _help()
    row = link_tokens.use(token)
    if row is None:
        return tk._("This link is not valid any more. Open the portal's page again "
                    "and take a new one.")
    if row.follower:
        follower_links.link(row.follower, chat_id)
        return "\n".join([
            tk._("You will be told here of what you follow on the portal, as by e-mail."),
            _say(tk._("Send {unlink} to stop these messages.")),
        ])
    number = row.appeal_number
    status = tk.get_action("appeal_status_show")(dict(context), {"id": number})
    appeal_links.link(number, chat_id, len(status["events"]), _locale(sender) or "")
    return "\n".join([
        tk._("You will be told here when the status of appeal {number} changes.").format(
            number=number),
        tk._("Appeal {number}: {status}").format(number=number,
                                                 status=status["status_label"]),
        _say(tk._("Send {unlink} to stop these messages.")),
    ])


def _answer(context: dict, message: dict) -> str | None:
    chat = message.get("chat") or {}
    sender = message.get("from") or {}
    text = str(message.get("text") or "").strip()
    if chat.get("type") != "private" or not sender.get("id") or sender.get("is_bot"):
        return None  # the channel's own posts, groups, other bots
    command, _sep, arguments = text.partition(" ")
    command = command.split("@")[0].lower()
    if command == "/start":
        return _start(context, int(chat["id"]), sender, arguments.strip())
    if command == "/unlink":
        appeal_links.unlink(int(chat["id"]))
        follower_links.unlink_chat(int(chat["id"]))
        return tk._("You will not be told of your appeals or of what you follow here any more.")
    if command == "/events":
        return _event_list(context)
    if command == "/ask":
        return _ask(context, sender, arguments)
    if command == "/vote":
        return _vote(context, sender, arguments)
    return _help()


def handle(context: dict, message: dict) -> bool:
    """Answer a private message (queued in the outbox); False when it is not for the bot."""
    with in_language(_locale(message.get("from") or {})):
        reply = _answer(context, message)
    if reply is None:
        return False
    outbox.queue("sendMessage", {"chat_id": message["chat"]["id"], "text": reply},
                 purpose="reply")
    return True
