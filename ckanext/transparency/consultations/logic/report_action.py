"""The results report: publish it (once every proposal is answered) and show it."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from .. import catalog, lifecycle, report
from ..dictization import counts
from ..model import utcnow
from . import schema as schemas
from .common import get_consultation, is_manager


@tk.validate_action_data(schemas.id_schema)
def consultation_report_publish(context, data_dict):
    """Generate and publish the results report of a closed discussion, and add it to the
    catalog. Needs an empty moderation queue and an answer to every published proposal.

    :param id: the draft
    """
    consultation = get_consultation(data_dict["id"])
    tk.check_access("consultation_report_publish", context, {"id": consultation.id})
    status = lifecycle.status(consultation)
    if status != lifecycle.CLOSED:
        raise tk.ValidationError({"id": [
            tk._("The report is already published.") if status in (
                lifecycle.REPORT_PUBLISHED, lifecycle.ADOPTED) else
            tk._("The report is published after the discussion closes.")]})
    numbers = counts(consultation.id)
    errors = []
    if numbers["pending"]:
        errors.append(tk._("{n} proposals still await moderation.").format(n=numbers["pending"]))
    if numbers["unanswered"]:
        errors.append(tk._("{n} proposals have no answer yet.").format(n=numbers["unanswered"]))
    if errors:
        raise tk.ValidationError({"id": errors})
    snapshot = report.build(consultation)
    consultation.report = snapshot
    consultation.report_published_at = utcnow()
    model.Session.commit()
    try:
        consultation.report_package_id = catalog.publish(consultation, snapshot)
    except Exception:
        consultation = get_consultation(data_dict["id"])
        consultation.report = None
        consultation.report_published_at = None
        model.Session.commit()
        raise
    model.Session.commit()
    return consultation_report_show(context, {"id": consultation.id})


@tk.side_effect_free
@tk.validate_action_data(schemas.id_schema)
def consultation_report_show(context, data_dict):
    """The results report of a draft: published, or a live preview for the department.

    :param id: the draft
    :returns: {"published": date or null, "counts": {...}, "proposals": [...], "files": {...}}
    """
    consultation = get_consultation(data_dict["id"])
    tk.check_access("consultation_report_show", context, {"id": consultation.id})
    if consultation.report_published_at:
        result = dict(consultation.report)
        result["published"] = consultation.report_published_at.isoformat(timespec="seconds")
        result["package_id"] = consultation.report_package_id
        result["files"] = {fmt: tk.url_for("consultations.report_file", name=consultation.name,
                                           fmt=fmt, _external=True)
                           for fmt in ("csv", "xlsx", "pdf")}
        return result
    if not is_manager(context, consultation):
        raise tk.ObjectNotFound(tk._("The report on this discussion is not published yet."))
    result = report.build(consultation)
    result["published"] = None
    return result


REPORT_ACTIONS = {"consultation_report_publish": consultation_report_publish,
                  "consultation_report_show": consultation_report_show}
