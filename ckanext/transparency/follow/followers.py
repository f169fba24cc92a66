"""Who follows what: CKAN's own follows of datasets and departments, and this plugin's rows (drafts
and events of signed-in users, every confirmed e-mail address)."""
from __future__ import annotations

from dataclasses import dataclass

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import as_user

from .model import Choice, Follow, utcnow

_CKAN_FOLLOW = {"dataset": ("am_following_dataset", "follow_dataset", "unfollow_dataset"),
                "organization": ("am_following_group", "follow_group", "unfollow_group")}


@dataclass(frozen=True)
class Follower:
    key: str  # "user:<id>" or "email:<follow id>": what deliveries are keyed by
    frequency: str
    via: tuple[str, str]  # the (type, id) followed: what its unsubscribe link stops


def is_following(user: model.User, subject: dict) -> bool:
    if subject["type"] in _CKAN_FOLLOW:
        am_following = tk.get_action(_CKAN_FOLLOW[subject["type"]][0])
        return am_following(as_user(user.name), {"id": subject["id"]})
    return model.Session.query(Follow).filter_by(
        subject_type=subject["type"], subject_id=subject["id"], user_id=user.id).count() > 0


def follow(user: model.User, subject: dict) -> None:
    if is_following(user, subject):
        return
    if subject["type"] in _CKAN_FOLLOW:
        tk.get_action(_CKAN_FOLLOW[subject["type"]][1])(as_user(user.name), {"id": subject["id"]})
        return
    model.Session.add(Follow(subject_type=subject["type"], subject_id=subject["id"],
                             user_id=user.id, language=choice(user.id).language))
    model.Session.commit()


def unfollow(user: model.User, subject_type: str, subject_id: str) -> None:
    if subject_type in _CKAN_FOLLOW:
        try:
            tk.get_action(_CKAN_FOLLOW[subject_type][2])(as_user(user.name), {"id": subject_id})
        except (tk.ValidationError, tk.ObjectNotFound):  # not following (any more)
            pass
        return
    model.Session.query(Follow).filter_by(subject_type=subject_type, subject_id=subject_id,
                                          user_id=user.id).delete()
    model.Session.commit()


def choice(user_id: str) -> Choice:
    found = model.Session.get(Choice, user_id)
    return found or Choice(user_id=user_id, language=tk.config.get("ckan.locale_default") or "en",
                           frequency="immediate")


def choose(user_id: str, language: str, frequency: str) -> None:
    found = model.Session.get(Choice, user_id)
    if found is None:
        model.Session.add(Choice(user_id=user_id, language=language, frequency=frequency))
    else:
        found.language, found.frequency = language, frequency
    model.Session.commit()


def _ckan_followers(subject_type: str, subject_id: str) -> list[str]:
    table = {"dataset": model.UserFollowingDataset,
             "organization": model.UserFollowingGroup}.get(subject_type)
    if table is None:
        return []
    return [row[0] for row in model.Session.query(table.follower_id).filter(
        table.object_id == subject_id)]


def of(subjects: list[tuple[str, str]]) -> list[Follower]:
    """The followers of any of the (type, id) subjects, each once (through the first subject
    they follow)."""
    found: dict[str, Follower] = {}
    for via in subjects:
        subject_type, subject_id = via
        user_ids = set(_ckan_followers(subject_type, subject_id))
        for row in model.Session.query(Follow).filter_by(subject_type=subject_type,
                                                         subject_id=subject_id):
            if row.user_id:
                user_ids.add(row.user_id)
            elif row.confirmed_at:
                found.setdefault(f"email:{row.id}", Follower(f"email:{row.id}", row.frequency, via))
        for user_id in sorted(user_ids):
            found.setdefault(f"user:{user_id}",
                             Follower(f"user:{user_id}", choice(user_id).frequency, via))
    return list(found.values())


def forget_unconfirmed() -> int:
    """Removes the addresses whose confirmation link has expired unopened; returns how many."""
    days = tk.config.get("ckanext.transparency.follow.confirm_days")
    removed = model.Session.query(Follow).filter(
        Follow.email.isnot(None), Follow.confirmed_at.is_(None),
        Follow.created < utcnow() - dt.timedelta(days=max(days, 0))).delete()
    model.Session.commit()
    return removed
