"""Followers told in Telegram. The follow feature names a follower by a key with nothing
readable about the person and writes each message in the follower's language; this module
keeps which chat a follower linked, and queues each message once: its key is stored in
telegram_delivery in the same transaction as the outbox row."""
from __future__ import annotations

import ckan.model as model
from sqlalchemy.dialects.postgresql import insert

from . import link_tokens, outbox
from .model import Delivery, FollowerLink, utcnow


def link(follower: str, chat_id: int) -> None:
    """The follower's messages go to this chat (a new link replaces an older one)."""
    model.Session.execute(
        insert(FollowerLink.__table__)
        .values(follower=follower, chat_id=chat_id, linked_at=utcnow())
        .on_conflict_do_update(index_elements=["follower"],
                               set_={"chat_id": chat_id, "linked_at": utcnow()}))


def new_link(follower: str) -> str:
    return link_tokens.new_link(follower=follower)


def is_linked(follower: str) -> bool:
    return model.Session.get(FollowerLink, follower) is not None


def unlink(follower: str) -> int:
    removed = model.Session.query(FollowerLink).filter(
        FollowerLink.follower == follower).delete()
    model.Session.commit()
    return removed


def unlink_chat(chat_id: int) -> int:
    return model.Session.query(FollowerLink).filter(FollowerLink.chat_id == chat_id).delete()


def tell(follower: str, key: str, text: str) -> bool:
    """Queue `text` to the follower's chat unless `key` was queued before; True when queued."""
    row = model.Session.get(FollowerLink, follower)
    if row is None:
        return False
    claimed = model.Session.execute(
        insert(Delivery.__table__).values(key=f"follow:{follower}:{key}", delivered_at=utcnow())
        .on_conflict_do_nothing(index_elements=["key"]).returning(Delivery.key)).scalar()
    if claimed is None:
        return False
    outbox.queue("sendMessage", {"chat_id": row.chat_id, "text": text}, purpose="follow")
    model.Session.commit()
    return True
