"""Actions of the appeals module: the citizen's (submit, track, rate) and the staff's
(list, show, assign, forward, extend, answer, close, reopen)."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import ckan.authz as authz
import ckan.model as ckan_model
import ckan.plugins.toolkit as tk

from ckanext.transparency import unavailable
from ckanext.transparency.core import roles
from ckanext.transparency.rate_limits import client_address

from .. import (attachments, deadlines, model, notify, present, publish, receptions, safety,
               statistics, vocabulary)
from .validators import month as month_validator
from . import schema

t = model.Appeal.__table__


def _commit(context: dict) -> None:
    if not context.get("defer_commit"):
        ckan_model.repo.commit()


def _actor_id(context: dict) -> str | None:
    user = ckan_model.User.get(context.get("user")) if context.get("user") else None
    return user.id if user else None


def _fingerprint(data: dict) -> str:
    parts = [data.get(k) or "" for k in ("type", "topic", "owner_org", "subject", "text",
                                          "full_name")]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _receipt(appeal: dict, code: str) -> dict[str, Any]:
    return {"number": appeal["number"], "access_code": safety.display_code(code),
            "type": appeal["type"], "registered_on": appeal["registered_on"].isoformat(),
            "due_on": appeal["due_on"].isoformat(),
            "department": present.department(appeal["owner_org"])}


def _existing_submission(data: dict) -> dict | None:
    if not data.get("submission_key"):
        return None
    appeal = model.row_dict(model.session().execute(
        t.select().where(t.c.submission_key == data["submission_key"])).first())
    if appeal and appeal["fingerprint"] != _fingerprint(data):
        raise tk.ValidationError({"submission_key": [
            tk._("This submission key was already used for another appeal")]})
    return appeal


def appeal_submit(context: dict, data_dict: dict) -> dict[str, Any]:
    """Register an appeal. Works without an account for channel "web".

    :param type: application, proposal or complaint
    :param topic: one of the configured topics
    :param owner_org: the responsible department (organization name or id)
    :param subject: a short title; :param text: the appeal
    :param full_name, address: the applicant (required: anonymous appeals are not considered)
    :param phone, email: optional; with an e-mail address the number and code are mailed
    :param consent: true: the applicant consents to the processing of the personal data above
        (Law ZRU-547; required)
    :param submission_key: optional, 16-64 characters [A-Za-z0-9_-]: the same key sent again
        (a double click, a retry) returns the first submission's number and code
    :param attachment_1..: optional files (type and size limited)
    :param channel: web (default); reception, written, phone are registered by staff, who may
        also give registered_on and reception_id
    :returns: number, access_code, registered_on, due_on, department
    """
    tk.check_access("appeal_submit", context, data_dict)
    files = attachments.collect(data_dict)
    plain = {k: v for k, v in data_dict.items()
             if not (k in ("attachments", "attachment") or k.startswith("attachment_"))}
    data, errors = tk.navl_validate(plain, schema.appeal_submit(), context)
    if errors:
        raise tk.ValidationError(errors)
    if data.get("website"):
        raise tk.ValidationError({"website": [tk._("This field must be left empty")]})
    existing = _existing_submission(data)
    if existing:
        return _receipt(existing, safety.new_code(data["submission_key"]))
    staff = roles.is_staff(context.get("user"), data["owner_org"])
    if not staff and not safety.submission_allowed(client_address()):
        raise tk.ValidationError({"__before": [
            tk._("Too many appeals from this address; please try again later")]})
    checked = attachments.check(files)

    today = present.today()
    registered_on = data.get("registered_on") or today
    if isinstance(registered_on, dt.datetime):
        registered_on = registered_on.date()
    if registered_on > today:
        raise tk.ValidationError({"registered_on": [tk._("Cannot be in the future")]})
    rules = deadlines.Rules.from_config()
    deadline = deadlines.compute(data["type"], registered_on, rules=rules)
    appeal_id = ckan_model.types.make_uuid()
    code = safety.new_code(data.get("submission_key"))
    now = dt.datetime.utcnow()
    inserted = model.session().execute(
        insert(t).values(
            id=appeal_id, number=model.next_number(registered_on.year),
            access_code_hash=safety.hash_code(appeal_id, code),
            submission_key=data.get("submission_key"), fingerprint=_fingerprint(data),
            type=data["type"], channel=data["channel"], topic=data["topic"],
            owner_org=data["owner_org"], subject=data["subject"], text=data["text"],
            status="registered", reception_id=data.get("reception_id"),
            registered_at=now, registered_on=registered_on,
            original_due_on=deadline.original_due, due_on=deadline.due,
            forward_due_on=deadline.forward_due, modified=now,
        ).on_conflict_do_nothing(index_elements=["submission_key"]).returning(t.c.id)
    ).scalar()
    if inserted is None:  # the same submission, committed meanwhile by a concurrent request
        model.session().rollback()
        return _receipt(_existing_submission(data), code)
    applicant = {k: data.get(k) or "" for k in ("full_name", "address", "phone", "email")}
    applicant.update(language=_reader_language(), consent_at=now)
    model.session().execute(model.Applicant.__table__.insert().values(appeal_id=appeal_id,
                                                                   **applicant))
    model.add_event(appeal_id, "registered", _actor_id(context), True,
                    {"channel": data["channel"]}, when=now)
    attachments.store(appeal_id, checked)
    # the receipt is read before the commit: once stored, the appeal must not be answered with
    # an error because the database went away (a restart) just after
    appeal = model.get_appeal(appeal_id)
    receipt = _receipt(appeal, code)
    if not context.get("defer_commit"):
        unavailable.commit_confirmed(ckan_model.Session,
                                     lambda: model.get_appeal(appeal_id) is not None)
    if applicant["email"] and not context.get("defer_commit"):
        notify.enqueue_registered(appeal_id, safety.display_code(code))
    return receipt


def _authenticated(data_dict: dict, context: dict, schema_: dict) -> tuple[dict, dict]:
    """The appeal whose number and access code were given; wrong codes are counted."""
    data, errors = tk.navl_validate(data_dict, schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    address = client_address()
    if not safety.start_attempt(data["number"], address):
        raise tk.ValidationError({"code": [
            tk._("Too many wrong access codes; please try again later")]})
    appeal = model.get_appeal(data["number"])
    if appeal is None or not safety.code_matches(appeal["id"], data["code"],
                                                 appeal["access_code_hash"]):
        safety.wrong_code(data["number"])
        raise tk.ObjectNotFound(tk._("No appeal with this number and access code"))
    safety.right_code(data["number"], address)
    return appeal, data


@tk.side_effect_free
def appeal_track(context: dict, data_dict: dict) -> dict[str, Any]:
    """Status, department, deadline (and how it was computed) and the public timeline of an
    appeal, for whoever has its number and access code.

    :param number: e.g. 2026-000123; :param code: the access code
    """
    tk.check_access("appeal_track", context, data_dict)
    appeal, _data = _authenticated(data_dict, context, schema.appeal_track())
    return present.public_dict(appeal)


def appeal_rate(context: dict, data_dict: dict) -> dict[str, Any]:
    """The applicant rates the answer (1-5), once.

    :param number, code: as for appeal_track; :param rating: 1..5; :param comment: optional
    """
    tk.check_access("appeal_rate", context, data_dict)
    appeal, data = _authenticated(data_dict, context, schema.appeal_rate())
    if not present.public_dict(appeal)["can_rate"]:
        raise tk.ValidationError({"rating": [tk._("This appeal cannot be rated now")]})
    now = dt.datetime.utcnow()
    model.session().execute(t.update().where(t.c.id == appeal["id"]).values(
        rating=data["rating"], rated_at=now, modified=now))
    model.add_event(appeal["id"], "rated", None, True,
                    {"rating": data["rating"], "comment": data.get("comment") or ""}, when=now)
    _commit(context)
    return present.public_dict(model.get_appeal(appeal["id"]))


@tk.side_effect_free
@tk.validate_action_data(schema.appeal_list)
def appeal_list(context: dict, data_dict: dict) -> dict[str, Any]:
    """The inbox: appeals of the departments the user works for, overdue first.

    :param owner_org, status (or "open"), type, topic, deadline (due_soon, overdue), q
        (number or words of the subject), limit, offset
    """
    tk.check_access("appeal_list", context, data_dict)
    query = sa.select(t)
    if not authz.is_sysadmin(context.get("user")):
        query = query.where(t.c.owner_org.in_(roles.staff_departments(context.get("user"))))
    if data_dict.get("owner_org"):
        query = query.where(t.c.owner_org == data_dict["owner_org"])
    if data_dict.get("status") == "open":
        query = query.where(t.c.status.in_(vocabulary.OPEN_STATUSES))
    elif data_dict.get("status"):
        query = query.where(t.c.status == data_dict["status"])
    for field in ("type", "topic"):
        if data_dict.get(field):
            query = query.where(t.c[field] == data_dict[field])
    today = present.today()
    if data_dict.get("deadline") == "overdue":
        query = query.where(t.c.completed_on.is_(None), t.c.due_on < today)
    elif data_dict.get("deadline") == "due_soon":
        soon = today + dt.timedelta(days=deadlines.Rules.from_config().due_soon_days)
        query = query.where(t.c.completed_on.is_(None), t.c.due_on.between(today, soon))
    if data_dict.get("q"):
        query = query.where(sa.or_(t.c.number == data_dict["q"],
                                   t.c.subject.icontains(data_dict["q"], autoescape=True)))
    count = model.session().execute(
        sa.select(sa.func.count()).select_from(query.subquery())).scalar()
    rows = model.session().execute(
        query.order_by(t.c.completed_on.is_(None).desc(), t.c.due_on, t.c.number)
        .limit(data_dict["limit"]).offset(data_dict["offset"]))
    return {"count": count,
            "results": [present.summary_dict(model.row_dict(r)) for r in rows]}


def _appeal(data_dict: dict, context: dict) -> dict:
    key = data_dict.get("id") or data_dict.get("number")
    appeal = model.get_appeal(key) if isinstance(key, str) and key else None
    if appeal is None:
        raise tk.ObjectNotFound(tk._("Appeal not found"))
    return appeal


@tk.side_effect_free
def appeal_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """One appeal with everything, the applicant's personal data included (staff of the
    responsible department and sysadmins only).

    :param id: the appeal's id or number
    """
    appeal = _appeal(data_dict, context)
    tk.check_access("appeal_show", context, {"id": appeal["id"]})
    return present.staff_dict(appeal)


def _work(name: str, context: dict, data_dict: dict, schema_: dict,
          allowed: tuple[str, ...]) -> tuple[dict, dict]:
    appeal = _appeal(data_dict, context)
    tk.check_access(name, context, {"id": appeal["id"]})
    data, errors = tk.navl_validate(dict(data_dict, id=appeal["id"]), schema_, context)
    if errors:
        raise tk.ValidationError(errors)
    appeal = model.get_appeal_for_update(appeal["id"])
    if appeal["status"] not in allowed:
        raise tk.ValidationError({"status": [
            tk._("Not possible while the appeal is {status}").format(
                status=vocabulary.status_label(appeal["status"]))]})
    return appeal, data


def _change(context: dict, appeal: dict, kind: str, event: dict, **values) -> dict:
    now = dt.datetime.utcnow()
    model.session().execute(t.update().where(t.c.id == appeal["id"]).values(modified=now,
                                                                           **values))
    model.add_event(appeal["id"], kind, _actor_id(context), True,
                    {k: v for k, v in event.items() if v not in (None, "")}, when=now)
    _commit(context)
    return model.get_appeal(appeal["id"])


def _reader_language() -> str:
    """The language of the page (or API address) the appeal came through, '' outside one."""
    return (tk.h.lang() if tk.request else "") or ""


def _tell_applicant(context: dict, appeal: dict, news: str, facts: dict | None = None) -> None:
    if not context.get("defer_commit"):
        notify.enqueue_changed(appeal["id"], news, facts)


def appeal_assign(context: dict, data_dict: dict) -> dict[str, Any]:
    """Take an appeal into work: give it to a member of staff and/or hand it to another
    department. :param id; :param assignee: user name or id; :param owner_org; :param note"""
    appeal, data = _work("appeal_assign", context, data_dict, schema.appeal_assign(),
                         vocabulary.OPEN_STATUSES)
    values: dict[str, Any] = {"status": "in_progress"}
    department = data.get("owner_org") or appeal["owner_org"]
    if data.get("assignee") and not roles.is_staff(data["assignee"], department):
        raise tk.ValidationError({"assignee": [
            tk._("Only an editor or admin of the appeal's department can be assigned")]})
    if data.get("assignee"):
        values["assignee_id"] = data["assignee"]
    if data.get("owner_org"):
        values["owner_org"] = data["owner_org"]
    event = {"assignee": data.get("assignee"), "note": data.get("note"),
             "department": present.department(data["owner_org"])["title"]
             if data.get("owner_org") else None}
    return present.staff_dict(_change(context, appeal, "assigned", event, **values))


def appeal_forward(context: dict, data_dict: dict) -> dict[str, Any]:
    """Forward an appeal outside the body's competence to the competent body (within the
    forwarding term) and tell the applicant. :param id; :param to: the body; :param note"""
    appeal, data = _work("appeal_forward", context, data_dict, schema.appeal_forward(),
                         vocabulary.OPEN_STATUSES)
    now = dt.datetime.utcnow()
    appeal = _change(context, appeal, "forwarded", {"to": data["to"], "note": data.get("note")},
                     status="forwarded", outcome="forwarded", forwarded_to=data["to"],
                     completed_on=present.today(), completed_at=now)
    _tell_applicant(context, appeal, "forwarded", {"to": data["to"]})
    return present.staff_dict(appeal)


def appeal_extend(context: dict, data_dict: dict) -> dict[str, Any]:
    """Move the deadline: `needs_study` gives an application or complaint the extra-study term;
    otherwise the head's one extension to `until` (at most the configured months more).
    Not possible once the deadline has passed. :param id; :param reason; :param until;
    :param needs_study"""
    appeal, data = _work("appeal_extend", context, data_dict, schema.appeal_extend(),
                         vocabulary.OPEN_STATUSES)
    rules = deadlines.Rules.from_config()
    if present.today() > appeal["due_on"]:
        raise tk.ValidationError({"until": [
            tk._("The deadline has passed; it can no longer be extended")]})
    if data.get("needs_study"):
        if rules.days.get(appeal["type"]) is None or appeal["needs_study"] or appeal["extended"]:
            raise tk.ValidationError({"needs_study": [
                tk._("The extra-study term applies once, to applications and complaints, "
                     "before any extension")]})
        due = deadlines.add_months(appeal["registered_on"], rules.study_months)
        appeal = _change(context, appeal, "study", {"reason": data["reason"],
                                                     "due_on": due.isoformat()},
                         needs_study=True, original_due_on=due, due_on=due)
    else:
        until = data.get("until")
        until = until.date() if isinstance(until, dt.datetime) else until
        latest = deadlines.latest_extension(appeal["due_on"], rules)
        if appeal["extended"]:
            raise tk.ValidationError({"until": [tk._("A deadline is extended only once")]})
        if until is None or not appeal["due_on"] < until <= latest:
            raise tk.ValidationError({"until": [
                tk._("Give a new deadline after {due} and no later than {latest}").format(
                    due=appeal["due_on"].isoformat(), latest=latest.isoformat())]})
        appeal = _change(context, appeal, "extended", {"reason": data["reason"],
                                                        "due_on": until.isoformat()},
                         extended=True, due_on=until)
    _tell_applicant(context, appeal, "extended", {"due": appeal["due_on"].isoformat()})
    return present.staff_dict(appeal)


def appeal_answer(context: dict, data_dict: dict) -> dict[str, Any]:
    """Answer an appeal. :param id; :param outcome: satisfied, explained, rejected,
    left_without_consideration; :param answer: the text the applicant reads"""
    appeal, data = _work("appeal_answer", context, data_dict, schema.appeal_answer(),
                         vocabulary.OPEN_STATUSES)
    appeal = _change(context, appeal, "answered", {"outcome": data["outcome"]},
                     status="answered", outcome=data["outcome"], answer=data["answer"],
                     completed_on=present.today(), completed_at=dt.datetime.utcnow())
    _tell_applicant(context, appeal, "answered")
    return present.staff_dict(appeal)


def appeal_close(context: dict, data_dict: dict) -> dict[str, Any]:
    """Close an answered or forwarded appeal. :param id; :param note"""
    appeal, data = _work("appeal_close", context, data_dict, schema.appeal_close(),
                         vocabulary.CLOSABLE_STATUSES)
    return present.staff_dict(_change(context, appeal, "closed", {"note": data.get("note")},
                                      status="closed", closed_at=dt.datetime.utcnow()))


def appeal_reopen(context: dict, data_dict: dict) -> dict[str, Any]:
    """Reopen an answered or closed appeal: it is open again against its deadline.
    :param id; :param note"""
    appeal, data = _work("appeal_reopen", context, data_dict, schema.appeal_close(),
                         vocabulary.REOPENABLE_STATUSES)
    appeal = _change(context, appeal, "reopened", {"note": data.get("note")},
                     status="in_progress", outcome=None, completed_on=None, completed_at=None,
                     closed_at=None)
    _tell_applicant(context, appeal, "reopened")
    return present.staff_dict(appeal)


@tk.side_effect_free
def appeal_attachment_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """An attachment's metadata and file path (staff). :param id: appeal; :param attachment"""
    appeal = _appeal(data_dict, context)
    tk.check_access("appeal_attachment_show", context, {"id": appeal["id"]})
    for item in model.attachments(appeal["id"]):
        if item["id"] == data_dict.get("attachment"):
            return dict(item, path=attachments.path(appeal["id"], item["id"]),
                        created=item["created"].isoformat())
    raise tk.ObjectNotFound(tk._("Attachment not found"))


@tk.side_effect_free
@tk.validate_action_data(schema.appeal_statistics)
def appeal_statistics(context: dict, data_dict: dict) -> dict[str, Any]:
    """Public statistics: counts by type, channel, topic, department, outcome and month, the
    share answered on time, median and distribution of days to answer, satisfaction.
    Departments with fewer appeals than the configured minimum are listed but not ranked.

    :param period_from, period_to: months, e.g. 2026-01; :param owner_org; :param type
    """
    tk.check_access("appeal_statistics", context, data_dict)
    return statistics.compute(data_dict)


@tk.side_effect_free
def appeal_reception_list(context: dict, data_dict: dict) -> list[dict[str, Any]]:
    """The reception schedule, with the dates of the next `days` days (default 28)."""
    tk.check_access("appeal_reception_list", context, data_dict)
    try:
        days = min(max(int(data_dict.get("days", 28)), 0), 366)
    except (TypeError, ValueError):
        raise tk.ValidationError({"days": [tk._("Invalid integer")]})
    return [receptions.public_dict(r, days) for r in receptions.all_active()]


def appeal_reception_create(context: dict, data_dict: dict) -> dict[str, Any]:
    """Add a reception to the schedule (admin of the department). :param owner_org, position,
    official, weekday (0 = Monday), weeks ("1,3"; empty: every week), starts, ends ("09:00"),
    place, sign_up"""
    tk.check_access("appeal_reception_create", context, data_dict)
    data = validate_reception(data_dict, schema.reception_create(), context)
    reception = receptions.create(data)
    _commit(context)
    return receptions.public_dict(reception)


def _active_reception(data_dict: dict) -> dict[str, Any]:
    reception_id = data_dict.get("id")
    reception = receptions.get(reception_id) if isinstance(reception_id, str) else None
    if not reception or not reception["active"]:
        raise tk.ObjectNotFound(tk._("Reception not found"))
    return reception


@tk.side_effect_free
def appeal_reception_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """One reception of the schedule with its stored values (the shape that
    appeal_reception_update takes). :param id"""
    tk.check_access("appeal_reception_show", context, data_dict)
    return receptions.form_dict(_active_reception(data_dict))


def validate_reception(data_dict: dict, schema_: dict, context: dict) -> dict:
    """The schema's checks and a start before the end, all reported together."""
    data, errors = tk.navl_validate(data_dict, schema_, context)
    errors = {k: v for k, v in errors.items() if v}
    if data.get("starts") and data.get("ends") and not errors.get("starts") \
            and not errors.get("ends") and data["ends"] <= data["starts"]:
        errors["ends"] = [tk._("Must be later than the start")]
    if errors:
        raise tk.ValidationError(errors)
    return data


def appeal_reception_update(context: dict, data_dict: dict) -> dict[str, Any]:
    """Change a reception of the schedule (admin of the department). :param id and every
    parameter of appeal_reception_create; without owner_org it stays in its department"""
    current = _active_reception(data_dict)
    tk.check_access("appeal_reception_update", context, data_dict)
    data = validate_reception(data_dict, schema.reception_update(), context)
    data["owner_org"] = data.get("owner_org") or current["owner_org"]
    reception = receptions.update(data["id"], data)
    _commit(context)
    return receptions.public_dict(reception)


def appeal_reception_delete(context: dict, data_dict: dict) -> None:
    """Take a reception off the schedule. :param id"""
    _active_reception(data_dict)
    tk.check_access("appeal_reception_delete", context, data_dict)
    receptions.deactivate(data_dict["id"])
    _commit(context)


def appeal_publish_statistics(context: dict, data_dict: dict) -> dict[str, Any]:
    """Publish the monthly statistics (and the reception schedule) into their datasets.
    :param month: e.g. 2026-01 (default: the previous month)"""
    tk.check_access("appeal_publish_statistics", context, data_dict)
    month = data_dict.get("month")
    if month:
        try:
            month_validator(month)
        except tk.Invalid as error:
            raise tk.ValidationError({"month": [error.error]})
    return publish.publish(month)


@tk.side_effect_free
def appeal_status_show(context: dict, data_dict: dict) -> dict[str, Any]:
    """An appeal's number, status and the kinds of its public timeline, nothing else: for a
    channel that tells the applicant of changes (sysadmins, i.e. the site's own jobs, only).

    :param id: the appeal's id or number
    :returns: {"number", "status", "status_label", "events": [{"kind", "label"}]}
    """
    tk.check_access("appeal_status_show", context, data_dict)
    appeal = _appeal(data_dict, context)
    return {"number": appeal["number"], "status": appeal["status"],
            "status_label": vocabulary.status_label(appeal["status"]),
            "events": [{"kind": e["kind"], "label": vocabulary.event_label(e["kind"])}
                       for e in model.events(appeal["id"], public_only=True)]}
