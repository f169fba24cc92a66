"""An appeal whose COMMIT loses the database connection (PostgreSQL restarting): whether it was
written is known only when the database answers again. The action asks it, so an appeal that
was stored is answered with its receipt, never with an error (issue 12: nothing stored is
answered with an error), and one that was not stored is answered with the error.

The connection is really lost: the test ends the server process of the action's connection
(pg_terminate_backend) at the moment of the COMMIT, after the server wrote the transaction or
before it did.
"""
from __future__ import annotations

import contextlib

import psycopg2
import pytest
import sqlalchemy as sa
import sqlalchemy.exc

import ckan.model as model
import ckan.plugins.toolkit as tk

from .conftest import stored, submit

pytestmark = pytest.mark.usefixtures("people")


def _terminate(pid: int) -> None:
    with contextlib.closing(psycopg2.connect(tk.config["sqlalchemy.url"])) as other:
        other.autocommit = True
        other.cursor().execute("SELECT pg_terminate_backend(%s)", (pid,))


@contextlib.contextmanager
def connection_lost_at_commit(written: bool):
    """The next COMMIT of CKAN's engine loses its connection; `written`: the server had already
    committed the transaction when the connection went."""
    fired = []

    def at_commit(connection) -> None:
        if fired:
            return
        fired.append(True)
        raw = connection.connection.dbapi_connection
        if written:
            raw.cursor().execute("COMMIT")      # the server writes the transaction...
            raw.cursor().execute("SELECT 1")    # ...and the client's COMMIT is still to come
        _terminate(raw.get_backend_pid())

    sa.event.listen(model.meta.engine, "commit", at_commit)
    try:
        yield fired
    finally:
        sa.event.remove(model.meta.engine, "commit", at_commit)


def test_an_appeal_written_before_the_connection_was_lost_is_answered_with_its_receipt():
    with connection_lost_at_commit(written=True) as fired:
        receipt = submit(submission_key="lost-after-commit-0001")
    assert fired
    appeal = stored(receipt["number"])
    assert appeal and appeal["submission_key"] == "lost-after-commit-0001"
    # sent again, the same submission gets the same number: it was stored once
    assert submit(submission_key="lost-after-commit-0001")["number"] == receipt["number"]


def test_an_appeal_not_written_is_answered_with_the_error_and_not_stored():
    with connection_lost_at_commit(written=False) as fired, \
            pytest.raises(sqlalchemy.exc.OperationalError):
        submit(submission_key="lost-before-commit-01")
    assert fired
    model.Session.rollback()
    t = sa.table("appeal", sa.column("submission_key"))
    assert model.Session.execute(sa.select(sa.func.count()).select_from(t).where(
        t.c.submission_key == "lost-before-commit-01")).scalar() == 0
    # the portal goes on: the same submission is stored once it is sent again
    assert stored(submit(submission_key="lost-before-commit-01")["number"])
