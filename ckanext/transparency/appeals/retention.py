"""Personal data of completed appeals is kept for the retention period (Law ZRU-547: no longer
than its purpose needs), then removed: the applicant's name, address, phone and e-mail, and the
attachments. The appeal itself (type, topic, department, dates, status, outcome, rating) stays,
so statistics and tracking do not change. The timeline (appeal_event) is append-only and is
left as it is."""
from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa

import ckan.plugins.toolkit as tk

from . import attachments, model

log = logging.getLogger(__name__)

COMPLETED = ("answered", "forwarded", "closed")


def retention_days() -> int:
    return tk.config.get("ckanext.transparency.appeals.personal_data_retention_days")


def due_for_purge(now: dt.datetime) -> list[str]:
    """Appeals completed longer than the retention period ago whose data is still there."""
    t, a = model.Appeal.__table__, model.Applicant.__table__
    cutoff = now - dt.timedelta(days=retention_days())
    completed = sa.func.coalesce(t.c.closed_at, t.c.completed_at)
    return list(model.session().execute(
        sa.select(t.c.id).join(a, a.c.appeal_id == t.c.id).where(
            t.c.status.in_(COMPLETED), completed < cutoff, a.c.purged_at.is_(None))
        .order_by(t.c.id)).scalars())


def purge(now: dt.datetime | None = None) -> int:
    """Remove the personal data of the appeals due; returns how many were purged."""
    now = now or dt.datetime.utcnow()
    ids = due_for_purge(now)
    if not ids:
        return 0
    a, f = model.Applicant.__table__, model.Attachment.__table__
    session = model.session()
    session.execute(a.update().where(a.c.appeal_id.in_(ids)).values(
        full_name="", address="", phone="", email="", purged_at=now))
    files = [(row.appeal_id, row.id) for row in session.execute(
        sa.select(f.c.appeal_id, f.c.id).where(f.c.appeal_id.in_(ids)))]
    session.execute(f.delete().where(f.c.appeal_id.in_(ids)))
    session.commit()
    for appeal_id, attachment_id in files:  # after the commit: a file left over is harmless
        attachments.remove(appeal_id, attachment_id)
    log.info("appeals: personal data of %d completed appeals removed", len(ids))
    return len(ids)
