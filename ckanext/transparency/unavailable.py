"""503 Service Unavailable while PostgreSQL or Redis cannot be reached (a restart, a failover):
a clear answer in the reader's language instead of a 500, for pages and the Action API alike.

Nothing of the request reaches the log: a database error carries the statement and its
parameters (an appeal's applicant, say), so only the kind of error is logged.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Callable

import ckan.plugins.toolkit as tk
import flask
import psycopg2
import redis.exceptions
import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.engine import Engine
from ckan.lib.redis import connect_to_redis

log = logging.getLogger(__name__)

ERRORS = (sqlalchemy.exc.OperationalError, psycopg2.OperationalError,
          redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
RETRY_AFTER_SECONDS = 15
_FLAG = "transparency_lost_database"


def message() -> str:
    return tk._("The portal is restarting one of its services. Please try again in a minute.")


def _cause(error: BaseException) -> str:
    return type(getattr(error, "orig", None) or error).__name__


def _api_answer() -> flask.Response:
    body = json.dumps({"success": False, "error": {
        "__type": "Service Unavailable", "message": message()}}, ensure_ascii=False)
    return flask.Response(body, status=503, mimetype="application/json",
                          headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def handle(error: Exception) -> flask.Response:
    """Error handler of the Flask app (pages, and API failures outside the action)."""
    log.warning("503: a service is unavailable (%s)", _cause(error))
    if tk.request.path.startswith("/api/"):
        return _api_answer()
    # a page of its own: the site's layout would ask the database for the header's menus
    return flask.Response(flask.render_template("unavailable.html", message=message()),
                          status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _mark_request(context) -> None:
    """SQLAlchemy's handle_error, for every engine (CKAN's, the DataStore's, the search's): a
    lost or refused connection marks the request."""
    if (context.is_disconnect or isinstance(context.original_exception, psycopg2.OperationalError)) \
            and flask.has_request_context():
        setattr(flask.g, _FLAG, True)


def _redis_restarting() -> bool:
    """Redis is down, or came back so recently that a request may have found it down."""
    try:
        return connect_to_redis().info("server")["uptime_in_seconds"] < RETRY_AFTER_SECONDS
    except ERRORS:
        return True


def _after_request(response: flask.Response) -> flask.Response:
    """CKAN's API view answers any exception of an action with a 500 (and keeps the exception
    to itself): a 500 that met a lost database connection, or a Redis that is restarting,
    becomes a 503."""
    if response.status_code == 500 and tk.request.path.startswith("/api/") \
            and (flask.g.get(_FLAG) or _redis_restarting()):
        log.warning("503: a service is unavailable during an API call")
        return _api_answer()
    return response


def commit_confirmed(session, is_stored: Callable[[], bool],
                     wait_seconds: float = RETRY_AFTER_SECONDS) -> None:
    """Commit `session`. When the connection is lost during the COMMIT (PostgreSQL restarting),
    the database may or may not have written it, and it can only tell once it answers again:
    wait for it, up to `wait_seconds`, and ask `is_stored`. A commit that did happen returns
    normally, so what was stored is not answered with an error; one that did not, or a database
    still away after the wait, raises the original error (a 503)."""
    try:
        session.commit()
        return
    except sqlalchemy.exc.DBAPIError as lost:
        if not (lost.connection_invalidated or isinstance(lost, ERRORS)):
            raise
        error = lost
    log.warning("The database connection was lost during a commit (%s); asking it again",
                _cause(error))
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            session.rollback()
            stored = is_stored()
            session.rollback()
        except ERRORS:
            if time.monotonic() > deadline:
                raise error
            time.sleep(0.5)
            continue
        if stored:
            log.info("The commit had been written before the connection was lost")
            return
        raise error


def register(app) -> None:
    for error in ERRORS:
        app.register_error_handler(error, handle)
    if not sa.event.contains(Engine, "handle_error", _mark_request):
        sa.event.listen(Engine, "handle_error", _mark_request)
    app.after_request(_after_request)
