"""Personal data stays out of the logs, whatever writes them.

Two paths once carried applicants' details into the logs: CKAN logs every Action API validation
error at INFO (an invalid e-mail address is echoed in its message), and SQLAlchemy puts the
parameters of a failed statement into the exception that is logged. So:

- `install()` puts one `PersonalDataFilter` on every handler of every logger. The portal plugin
  calls it when it is loaded, which happens in every process (web, jobs worker, CLI, periodic
  jobs), after the ini file's logging is set up.
- `hide_sql_parameters(config)` makes the engines of CKAN and the DataStore leave parameters out
  of their errors and logs (SQLAlchemy's hide_parameters); the filter also cuts any that remain.

The filter rewrites the record in place (the message formatted and cleaned, the traceback
formatted and cleaned), so handlers that come after it see the cleaned record too.
"""
from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

REDACTED = "[redacted]"
# Fields of an appeal's applicant; a value logged beside one of these names is removed.
PERSONAL_FIELDS = ("full_name", "address", "phone", "email")

_FIELD_VALUE = re.compile(
    r"""(?P<key>['"]?\b(?:%s)\b['"]?\s*[:=]\s*)"""
    r"""(?P<value>\[[^\]]*\]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,;}\s]+)"""
    % "|".join(PERSONAL_FIELDS))
_EMAIL = re.compile(r"[\w.%+'-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 9 to 15 digits with the usual separators, not glued to a word (ids, hashes)
_PHONE = re.compile(r"(?<![\w\-.])\+?\d(?:[ ()\-]{0,2}\d){8,14}(?![\w\-])")
_NOT_A_PHONE = re.compile(r"\d{4}-\d{6}$|\d{4}-\d\d-\d\d")  # an appeal number, a date
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.DOTALL)


def _phone(match: re.Match) -> str:
    return match.group(0) if _NOT_A_PHONE.match(match.group(0)) else REDACTED


def scrub(text: str) -> str:
    """`text` without applicant fields' values, e-mail addresses, phone numbers and SQL
    parameters."""
    text = _SQL_PARAMETERS.sub("[parameters: " + REDACTED + "]", text)
    text = _FIELD_VALUE.sub(lambda m: m.group("key") + REDACTED, text)
    text = _EMAIL.sub(REDACTED, text)
    return _PHONE.sub(_phone, text)


class PersonalDataFilter(logging.Filter):
    """Cleans every record it sees; lets every record through."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "personal_data_removed", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: keep both, cleaned
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = scrub(message), ()
        if record.exc_info:
            record.exc_text = record.exc_text or self._formatter.formatException(
                record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        record.personal_data_removed = True
        return True


FILTER = PersonalDataFilter()


def _loggers() -> list[logging.Logger]:
    named = [logger for logger in logging.Logger.manager.loggerDict.values()
             if isinstance(logger, logging.Logger)]
    return [logging.getLogger(), *named]


def install() -> int:
    """Put the filter on every handler that has none; returns how many handlers there are."""
    handlers = {id(h): h for logger in _loggers() for h in logger.handlers}
    for handler in handlers.values():
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(FILTER)
    return len(handlers)


def hide_sql_parameters(config: Any) -> None:
    """The engines CKAN builds from the config (its own and the DataStore's) keep statement
    parameters out of errors and logs."""
    config["sqlalchemy.hide_parameters"] = True
    config["ckan.datastore.sqlalchemy.hide_parameters"] = True


class _DropRecipient(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Sent email to")


@contextlib.contextmanager
def quiet_mailer():
    """CKAN's mailer logs "Sent email to <address>": within this block it does not."""
    logger, drop = logging.getLogger("ckan.lib.mailer"), _DropRecipient()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)
