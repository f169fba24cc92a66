"""The public discussion's happenings (core/happenings.py), from the drafts' own dates: opened
for discussion, closing in 3 days, the report on the proposals published, adopted. A date-only
moment is the start of that day in the site's time zone, or the draft's creation if later (a
draft entered on its opening day opens when it is entered)."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.happenings import Happening, utc
from ckanext.transparency.i18n.display import titles

from . import settings
from .model import Consultation

CLOSING_SOON_DAYS = 3


def _day_start(day: dt.date, created: dt.datetime) -> dt.datetime:
    start = dt.datetime.combine(day, dt.time(), settings.timezone())
    return max(utc(start), utc(created))


def _url(draft: Consultation) -> str:
    return tk.config.get("ckan.site_url", "").rstrip("/") + f"/consultations/{draft.name}"


def _happening(draft: Consultation, kind: str, key: str, moment: dt.datetime) -> Happening:
    return Happening(key=f"draft:{draft.id}:{key}", kind=kind, subject_type="draft",
                     subject_id=draft.id, organization_id=draft.owner_org,
                     occurred_at=utc(moment), url=_url(draft),
                     title=titles({"title": draft.title,
                                  "title_translated": draft.title_translated or {}}),
                     extra={"opens_on": draft.opens_on.isoformat(),
                            "closes_on": draft.closes_on.isoformat()})


def _of(draft: Consultation) -> list[Happening]:
    found = []
    if not draft.withdrawn_at:
        found.append(_happening(draft, "draft_opened", "opened",
                                _day_start(draft.opens_on, draft.created)))
        soon = draft.closes_on - dt.timedelta(days=CLOSING_SOON_DAYS)
        if soon >= draft.opens_on:
            found.append(_happening(draft, "draft_closing_soon",
                                    f"closing_soon:{draft.closes_on.isoformat()}",
                                    _day_start(soon, draft.created)))
    if draft.report_published_at:
        found.append(_happening(draft, "draft_report", "report", draft.report_published_at))
    if draft.adopted_at:
        found.append(_happening(draft, "draft_adopted", "adopted", draft.adopted_at))
    return found


def happenings(since: dt.datetime, until: dt.datetime) -> list[Happening]:
    # a day reaches from UTC-12 to UTC+14: a generous date window, cut exactly by collect()
    first, last = (since - dt.timedelta(days=1)).date(), (until + dt.timedelta(days=1)).date()
    naive_since = utc(since).replace(tzinfo=None) - dt.timedelta(days=1)
    drafts = model.Session.query(Consultation).filter(sa.or_(
        Consultation.opens_on.between(first, last),
        (Consultation.closes_on - CLOSING_SOON_DAYS).between(first, last),
        Consultation.created >= naive_since,
        Consultation.report_published_at >= naive_since,
        Consultation.adopted_at >= naive_since))
    return [h for draft in drafts for h in _of(draft) if since <= h.occurred_at < until]
