"""Actions on drafts: list, show, create, update, withdraw, adopt; attachments; subscriptions.
Proposal and report actions are in proposal_action.py and report_action.py."""
from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckanext.transparency.actions import reference
from ckanext.transparency.i18n import fluent
from ckanext.transparency.search.text import tokenize

from .. import access, articles, importers, lifecycle, settings, storage, subscriptions
from ..dictization import consultation_dictize
from ..model import (Consultation, ConsultationArticle, ConsultationAttachment,
                     ConsultationSubscription, utcnow)
from . import schema as schemas
from .common import get_consultation, is_manager as _is_manager
from .proposal_action import PROPOSAL_ACTIONS
from .report_action import REPORT_ACTIONS


def search_text(consultation) -> str:
    return " ".join(tokenize(" ".join((consultation.title,
                                       *(consultation.title_translated or {}).values(),
                                       consultation.summary or "",
                                       consultation.body or ""))))


def _set_articles(consultation, body: str) -> None:
    units = articles.split(body)
    if len(units) > articles.MAX_UNITS:
        raise tk.ValidationError({"body": [tk._("The text has more than {n} articles and "
                                                "paragraphs.").format(n=articles.MAX_UNITS)]})
    if consultation.articles:
        consultation.articles = []
        model.Session.flush()
    consultation.articles = [
        ConsultationArticle(position=i, number=u.number, level=u.level, heading=u.heading,
                            text=u.text) for i, u in enumerate(units)]


class Imported(NamedTuple):
    format: str  # docx or odt
    markdown: str
    data: bytes
    filename: str


def _imported(data_dict: dict, field: str) -> Imported | None:
    """The DOCX/ODT upload in `field`, if any, with its text as Markdown."""
    upload = data_dict.get(field)
    if upload is None or isinstance(upload, str):
        return None
    filename, data, _mimetype = storage.read_upload(upload)
    try:
        fmt, markdown = importers.to_markdown(filename, data)
    except importers.ImportError_ as error:
        raise tk.ValidationError({field: [str(error)]})
    return Imported(fmt, markdown, data, filename)


def _uploaded(data_dict: dict, field: str) -> tuple[str, bytes, str] | None:
    """(filename, content, mimetype) of the file uploaded in `field`, if any."""
    upload = data_dict.get(field)
    if upload is None or isinstance(upload, str):
        return None
    try:
        return storage.read_upload(upload)
    except tk.ValidationError as error:
        raise tk.ValidationError({field: error.error_dict["upload"]})


def _attach(consultation, filename: str, data: bytes, mimetype: str) -> ConsultationAttachment:
    attachment = ConsultationAttachment(id=model.types.make_uuid(), filename=filename,
                                        mimetype=mimetype, size=len(data))
    consultation.attachments.append(attachment)
    storage.save(consultation.id, attachment.id, data)
    return attachment


def _attach_original(consultation, imported: Imported) -> ConsultationAttachment:
    """Keep the file a text was imported from beside the draft."""
    mimetype = importers.DOCX if imported.format == "docx" else importers.ODT
    return _attach(consultation, imported.filename, imported.data, mimetype)


def _date_check(data: dict, kind: str, opens_on, closes_on, previous=None) -> None:
    errors = lifecycle.date_errors(kind, opens_on, closes_on, previous)
    if errors:
        model.Session.rollback()
        raise tk.ValidationError(errors)


@tk.side_effect_free
@tk.validate_action_data(schemas.consultation_list_schema)
def consultation_list(context, data_dict):
    """Drafts for discussion, newest first within their status.

    :param q: words to find in the title, summary or text (Latin or Cyrillic)
    :param status: upcoming, open, closed, report_published, adopted, withdrawn,
        past (closed, report published or adopted) or all (default)
    :param organization: name or id of the responsible department
    :param kind: decision or internal
    :param limit: default 20, at most 100; :param offset: default 0
    :returns: {"count": n, "results": [draft without its text]}
    """
    tk.check_access("consultation_list", context, data_dict)
    C = Consultation
    query = model.Session.query(C)
    today = settings.today()
    live = sa.and_(C.withdrawn_at.is_(None), C.adopted_at.is_(None),
                   C.report_published_at.is_(None))
    conditions = {
        "withdrawn": C.withdrawn_at.isnot(None),
        "adopted": sa.and_(C.withdrawn_at.is_(None), C.adopted_at.isnot(None)),
        "report_published": sa.and_(C.withdrawn_at.is_(None), C.adopted_at.is_(None),
                                    C.report_published_at.isnot(None)),
        "upcoming": sa.and_(live, C.opens_on > today),
        "open": sa.and_(live, C.opens_on <= today, C.closes_on >= today),
        "closed": sa.and_(live, C.closes_on < today),
    }
    conditions["past"] = sa.or_(conditions["closed"], conditions["report_published"],
                                conditions["adopted"])
    status = data_dict.get("status", "all")
    if status != "all":
        query = query.filter(conditions[status])
    if data_dict.get("organization"):
        group = model.Group.get(data_dict["organization"])
        query = query.filter(C.owner_org == (group.id if group else data_dict["organization"]))
    if data_dict.get("kind"):
        query = query.filter(C.kind == data_dict["kind"])
    for word in tokenize(data_dict.get("q", ""))[:10]:
        query = query.filter(C.search_text.contains(word, autoescape=True))
    order = {"open": [C.closes_on.asc()], "upcoming": [C.opens_on.asc()]}.get(
        status, [C.closes_on.desc()])
    count = query.count()
    limit = min(data_dict["limit"], 100)
    rows = query.order_by(*order, C.created.desc()).offset(data_dict["offset"]).limit(limit).all()
    return {"count": count,
            "results": [consultation_dictize(c, _is_manager(context, c), with_text=False)
                        for c in rows]}


@tk.side_effect_free
def consultation_show(context, data_dict):
    """One draft with its articles, attachments, status and proposal counts.

    :param id: id or name of the draft
    """
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_show", context, {"id": consultation.id})
    return consultation_dictize(consultation, _is_manager(context, consultation))


def consultation_create(context, data_dict):
    """Put a draft up for discussion (editors and admins of the responsible department).

    :param name: URL name; :param title (in Uzbek); :param summary
    :param title_translated: the title in other languages, {"ru": ..., "en": ..., "uz-Cyrl": ...}
        (as a dataset's; "uz" stands for `title` when that is not given)
    :param kind: decision (minimum period 15 days) or internal (10 days)
    :param owner_org: the responsible department (organization name or id)
    :param body: the text in Markdown: headings start articles, blank lines separate paragraphs
    :param upload: instead of body, a DOCX or ODT file (kept as the original attachment)
    :param opens_on, closes_on: the discussion dates (YYYY-MM-DD)
    """
    tk.check_access("consultation_create", context, data_dict)
    imported = _imported(data_dict, "upload")
    data, errors = tk.navl_validate(
        {k: v for k, v in fluent.uzbek_into_plain(data_dict, "title").items() if k != "upload"},
        schemas.consultation_create_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    if imported:
        data["body"] = imported.markdown
    if not (data.get("body") or "").strip():
        raise tk.ValidationError({"body": [tk._("Enter the text of the draft or upload a "
                                                "DOCX or ODT file.")]})
    if Consultation.get(data["name"]):
        raise tk.ValidationError({"name": [tk._("That URL is already in use.")]})
    _date_check(data, data["kind"], data["opens_on"], data["closes_on"])
    user = access.user_object(context)
    consultation = Consultation(
        id=model.types.make_uuid(), name=data["name"], title=data["title"],
        title_translated=data.get("title_translated") or {},
        summary=data.get("summary", ""), kind=data["kind"], owner_org=data["owner_org"],
        body=data["body"], source_format=imported.format if imported else "markdown",
        opens_on=data["opens_on"], closes_on=data["closes_on"],
        creator_user_id=user.id if user else None)
    _set_articles(consultation, consultation.body)
    consultation.search_text = search_text(consultation)
    model.Session.add(consultation)
    if imported:
        _attach_original(consultation, imported)
    model.Session.commit()
    subscriptions.enqueue(consultation)
    return consultation_dictize(consultation, True)


def consultation_update(context, data_dict):
    """Change a draft. The text, kind and department change only before the discussion opens;
    the dates follow the same rules as on creation; nothing changes once the report is out.

    :param id: the draft; other parameters as consultation_create
    :param attachment: a file to attach to the draft with the change (both or neither happen)
    """
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_update", context,
                    {"id": consultation.id, "owner_org": data_dict.get("owner_org")})
    imported = _imported(data_dict, "upload")
    attachment = _uploaded(data_dict, "attachment")
    data, errors = tk.navl_validate(
        {k: v for k, v in fluent.uzbek_into_plain(data_dict, "title").items()
         if k not in ("upload", "attachment")},
        schemas.consultation_update_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    if imported:
        data["body"] = imported.markdown
    status = lifecycle.status(consultation)
    if status not in lifecycle.EDITABLE:
        raise tk.ValidationError({"id": [tk._("A draft whose report is published, or that is "
                                              "adopted or withdrawn, cannot change.")]})
    frozen = [field for field in ("body", "kind", "owner_org")
              if field in data and data[field] != getattr(consultation, field)]
    if frozen and status != lifecycle.UPCOMING:
        raise tk.ValidationError({f: [tk._("Cannot change once the discussion has opened.")]
                                  for f in frozen})
    if "name" in data and data["name"] != consultation.name and Consultation.get(data["name"]):
        raise tk.ValidationError({"name": [tk._("That URL is already in use.")]})
    kind = data.get("kind", consultation.kind)
    opens_on = data.get("opens_on", consultation.opens_on)
    closes_on = data.get("closes_on", consultation.closes_on)
    if (kind, opens_on, closes_on) != (consultation.kind, consultation.opens_on,
                                       consultation.closes_on):
        _date_check(data, kind, opens_on, closes_on, previous=consultation)
    if "body" in data and not data["body"].strip():
        raise tk.ValidationError({"body": [tk._("Missing value")]})
    for field in ("name", "title", "title_translated", "summary", "kind", "owner_org", "opens_on",
                  "closes_on"):
        if field in data:
            setattr(consultation, field, data[field])
    if "body" in data and data["body"] != consultation.body:
        consultation.body = data["body"]
        consultation.source_format = imported.format if imported else "markdown"
        _set_articles(consultation, consultation.body)
    consultation.search_text = search_text(consultation)
    consultation.modified = utcnow()
    if imported:
        _attach_original(consultation, imported)
    if attachment:
        _attach(consultation, *attachment)
    model.Session.commit()
    return consultation_dictize(consultation, True)


@tk.validate_action_data(schemas.consultation_withdraw_schema)
def consultation_withdraw(context, data_dict):
    """Withdraw a draft from discussion, with the reason shown on its page.

    :param id: the draft; :param reason: why
    """
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_update", context, {"id": consultation.id})
    if lifecycle.status(consultation) in (lifecycle.ADOPTED, lifecycle.WITHDRAWN):
        raise tk.ValidationError({"id": [tk._("An adopted or withdrawn draft cannot be "
                                              "withdrawn.")]})
    consultation.withdrawn_at = utcnow()
    consultation.withdrawn_reason = data_dict["reason"]
    model.Session.commit()
    return consultation_dictize(consultation, True)


def consultation_adopt(context, data_dict):
    """Mark a draft adopted, with the adopted text; only after its report is published.

    :param id: the draft
    :param adopted_text: the adopted text in Markdown (or :param upload: a DOCX/ODT file)
    :param adopted_on: the date of adoption (YYYY-MM-DD, not before the discussion closed,
        not in the future); :param adopted_reference: number of the adopting document
    """
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_update", context, {"id": consultation.id})
    imported = _imported(data_dict, "upload")
    data, errors = tk.navl_validate({k: v for k, v in data_dict.items() if k != "upload"},
                                    schemas.consultation_adopt_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    if imported:
        data["adopted_text"] = imported.markdown
    if lifecycle.status(consultation) != lifecycle.REPORT_PUBLISHED:
        raise tk.ValidationError({"id": [tk._("A draft can be marked adopted only after the "
                                              "report on its discussion is published.")]})
    if not (data.get("adopted_text") or "").strip():
        raise tk.ValidationError({"adopted_text": [tk._("Missing value")]})
    if data["adopted_on"] < consultation.closes_on or data["adopted_on"] > settings.today():
        raise tk.ValidationError({"adopted_on": [tk._(
            "The adoption date must be between the closing of the discussion and today.")]})
    consultation.adopted_text = data["adopted_text"]
    consultation.adopted_on = data["adopted_on"]
    consultation.adopted_reference = data.get("adopted_reference")
    consultation.adopted_at = utcnow()
    if imported:
        _attach_original(consultation, imported)
    model.Session.commit()
    return consultation_dictize(consultation, True)


def consultation_attachment_create(context, data_dict):
    """Attach an original file to a draft. :param id: the draft; :param upload: the file"""
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_update", context, {"id": consultation.id})
    if lifecycle.status(consultation) in (lifecycle.ADOPTED, lifecycle.WITHDRAWN):
        raise tk.ValidationError({"id": [tk._("This draft can no longer change.")]})
    uploaded = _uploaded(data_dict, "upload")
    if uploaded is None:
        raise tk.ValidationError({"upload": [tk._("No file was uploaded.")]})
    attachment = _attach(consultation, *uploaded)
    model.Session.commit()
    return {"id": attachment.id, "filename": attachment.filename, "size": attachment.size}


@tk.side_effect_free
def consultation_attachment_show(context, data_dict):
    """One file attached to a draft, for whoever may read the draft.

    :param id: the draft (id or name); :param attachment_id: the attachment
    :returns: {"id", "consultation_id", "filename", "mimetype", "size"}
    """
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_attachment_show", context, {"id": consultation.id})
    attachment_id = reference(data_dict, "attachment_id")
    attachment = next((a for a in consultation.attachments if a.id == attachment_id), None)
    if attachment is None:
        raise tk.ObjectNotFound(tk._("Attachment not found"))
    return {"id": attachment.id, "consultation_id": consultation.id,
            "filename": attachment.filename, "mimetype": attachment.mimetype,
            "size": attachment.size}


def consultation_attachment_delete(context, data_dict):
    """:param id: the draft; :param attachment_id: the attachment to remove"""
    consultation = get_consultation(reference(data_dict))
    tk.check_access("consultation_update", context, {"id": consultation.id})
    attachment = next((a for a in consultation.attachments
                       if a.id == data_dict.get("attachment_id")), None)
    if attachment is None:
        raise tk.ObjectNotFound(tk._("Attachment not found"))
    consultation.attachments.remove(attachment)
    model.Session.commit()
    storage.remove(consultation.id, attachment.id)
    return {"id": attachment.id}


def _subscription_filter(context: dict, data: dict):
    user = access.user_object(context)
    S = ConsultationSubscription
    return user, model.Session.query(S).filter(
        S.user_id == user.id, S.organization_id == data.get("organization", ""),
        S.kind == data.get("kind", ""))


@tk.validate_action_data(schemas.subscription_schema)
def consultation_subscribe(context, data_dict):
    """E-mail me about new drafts. :param organization: only this department (optional);
    :param kind: only this kind (optional)"""
    tk.check_access("consultation_subscribe", context, data_dict)
    user, query = _subscription_filter(context, data_dict)
    if query.first() is None:
        model.Session.add(ConsultationSubscription(
            user_id=user.id, organization_id=data_dict.get("organization", ""),
            kind=data_dict.get("kind", "")))
        model.Session.commit()
    return {"organization": data_dict.get("organization") or None,
            "kind": data_dict.get("kind") or None}


@tk.validate_action_data(schemas.subscription_schema)
def consultation_unsubscribe(context, data_dict):
    """Stop one subscription (same parameters as consultation_subscribe)."""
    tk.check_access("consultation_subscribe", context, data_dict)
    _user, query = _subscription_filter(context, data_dict)
    deleted = query.delete()
    model.Session.commit()
    return {"deleted": deleted}


@tk.side_effect_free
def consultation_subscription_list(context, data_dict):
    """My subscriptions to new drafts."""
    tk.check_access("consultation_subscribe", context, data_dict)
    user = access.user_object(context)
    S = ConsultationSubscription
    rows = model.Session.query(S).filter(S.user_id == user.id).order_by(S.created)
    return [{"organization": s.organization_id or None, "kind": s.kind or None} for s in rows]


def get_actions() -> dict:
    actions = {f.__name__: f for f in (
        consultation_list, consultation_show, consultation_create, consultation_update,
        consultation_withdraw, consultation_adopt, consultation_attachment_create,
        consultation_attachment_show, consultation_attachment_delete, consultation_subscribe,
        consultation_unsubscribe,
        consultation_subscription_list)}
    actions.update(PROPOSAL_ACTIONS)
    actions.update(REPORT_ACTIONS)
    return actions
