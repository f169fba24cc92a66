"""Validation schemas of the consultation actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args

from .. import lifecycle, moderation
from ..dictization import DECISIONS, KINDS

MAX_BODY = 500_000


@validator_args
def consultation_create_schema(not_empty, ignore_missing, unicode_safe, one_of, name_validator,
                               consultation_date, consultation_length,
                               consultation_organization, fluent_translations):
    return {
        "name": [not_empty, unicode_safe, name_validator],
        "title": [not_empty, unicode_safe, consultation_length(300)],
        "title_translated": [fluent_translations],
        "summary": [ignore_missing, unicode_safe, consultation_length(3000)],
        "kind": [not_empty, unicode_safe, one_of(list(lifecycle.KINDS))],
        "owner_org": [not_empty, unicode_safe, consultation_organization],
        "body": [ignore_missing, unicode_safe, consultation_length(MAX_BODY)],
        "opens_on": [not_empty, consultation_date],
        "closes_on": [not_empty, consultation_date],
    }


@validator_args
def consultation_update_schema(not_empty, ignore_missing, unicode_safe):
    schema = consultation_create_schema()
    for field, validators in schema.items():
        if field != "title_translated":  # absent unless given already
            schema[field] = [ignore_missing] + [v for v in validators if v is not not_empty]
    schema["id"] = [not_empty, unicode_safe]
    return schema


@validator_args
def consultation_list_schema(ignore_missing, unicode_safe, one_of, natural_number_validator,
                             int_validator, consultation_length, default):
    return {
        "q": [ignore_missing, unicode_safe, consultation_length(200)],
        "status": [ignore_missing, unicode_safe,
                   one_of(list(lifecycle.STATUSES) + ["past", "all"])],
        "organization": [ignore_missing, unicode_safe],
        "kind": [ignore_missing, unicode_safe, one_of(list(lifecycle.KINDS))],
        "limit": [default(20), int_validator, natural_number_validator],
        "offset": [default(0), int_validator, natural_number_validator],
    }


@validator_args
def consultation_withdraw_schema(not_empty, unicode_safe, consultation_text):
    return {"id": [not_empty, unicode_safe], "reason": [not_empty, unicode_safe,
                                                        consultation_text]}


@validator_args
def consultation_adopt_schema(not_empty, ignore_missing, unicode_safe, consultation_date,
                              consultation_length):
    return {
        "id": [not_empty, unicode_safe],
        "adopted_text": [ignore_missing, unicode_safe, consultation_length(MAX_BODY)],
        "adopted_on": [not_empty, consultation_date],
        "adopted_reference": [ignore_missing, unicode_safe, consultation_length(300)],
    }


@validator_args
def proposal_create_schema(not_empty, ignore_missing, unicode_safe, one_of, default,
                           consultation_text, consultation_length):
    return {
        "consultation_id": [not_empty, unicode_safe],
        "article_number": [ignore_missing, unicode_safe, consultation_length(20)],
        "kind": [default("proposal"), unicode_safe, one_of(list(KINDS))],
        "text": [not_empty, unicode_safe, consultation_text, not_empty],
    }


@validator_args
def proposal_list_schema(not_empty, ignore_missing, unicode_safe, one_of, default,
                         int_validator, natural_number_validator, boolean_validator):
    return {
        "consultation_id": [not_empty, unicode_safe],
        "article_number": [ignore_missing, unicode_safe],
        "state": [ignore_missing, unicode_safe, one_of(list(moderation.STATES) + ["all"])],
        "mine": [default(False), boolean_validator],
        "sort": [default("number"), unicode_safe, one_of(["number", "support"])],
        "limit": [default(100), int_validator, natural_number_validator],
        "offset": [default(0), int_validator, natural_number_validator],
    }


@validator_args
def proposal_moderate_schema(not_empty, ignore_missing, unicode_safe, one_of,
                             consultation_text):
    return {
        "id": [not_empty, unicode_safe],
        "action": [not_empty, unicode_safe, one_of(["approve", "reject"])],
        "reason": [ignore_missing, unicode_safe, one_of(list(moderation.REASONS))],
        "note": [ignore_missing, unicode_safe, consultation_text],
    }


@validator_args
def proposal_answer_schema(not_empty, unicode_safe, one_of, consultation_text):
    return {
        "id": [not_empty, unicode_safe],
        "decision": [not_empty, unicode_safe, one_of(list(DECISIONS))],
        "reason": [not_empty, unicode_safe, consultation_text, not_empty],
    }


@validator_args
def proposal_flag_schema(not_empty, ignore_missing, unicode_safe, consultation_length):
    return {"id": [not_empty, unicode_safe],
            "reason": [ignore_missing, unicode_safe, consultation_length(500)]}


@validator_args
def id_schema(not_empty, unicode_safe):
    return {"id": [not_empty, unicode_safe]}


@validator_args
def subscription_schema(ignore_missing, unicode_safe, one_of, consultation_organization):
    return {"organization": [ignore_missing, unicode_safe, consultation_organization],
            "kind": [ignore_missing, unicode_safe, one_of(list(lifecycle.KINDS))]}
