"""Helpers the consultation actions share."""
from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from .. import access
from ..model import Consultation, ConsultationProposal


def get_consultation(reference: str) -> Consultation:
    consultation = Consultation.get(reference)
    if consultation is None:
        raise tk.ObjectNotFound(tk._("Draft not found"))
    return consultation


def get_proposal(reference: str) -> tuple[ConsultationProposal, Consultation]:
    proposal = ConsultationProposal.get(reference)
    if proposal is None:
        raise tk.ObjectNotFound(tk._("Proposal not found"))
    return proposal, model.Session.get(Consultation, proposal.consultation_id)


def is_manager(context: dict, consultation) -> bool:
    return access.can_manage(context.get("user"), consultation.owner_org)
