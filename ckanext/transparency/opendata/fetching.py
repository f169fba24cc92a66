"""Fetching the data file a resource links to (its URL), bounded: the file may be as large as an
upload (`ckan.max_resource_size`) and the whole fetch may take
`ckanext.transparency.opendata.fetch_timeout` seconds, so a slow or endless answer cannot hold
the web worker. Every failure is an UnreadableFile whose message says, in the editor's
language, what the address answered."""
from __future__ import annotations

import tempfile
import time
from typing import IO

import ckan.plugins.toolkit as tk
import requests
import urllib3

from . import reading

_READ = 64 * 1024
_WEB_PAGES = ("text/html", "application/xhtml+xml")


def _failed(url: str, reason: str) -> reading.UnreadableFile:
    return reading.UnreadableFile(tk._(
        "The data could not be fetched from {url}: {reason}. Nothing was changed.").format(
            url=url, reason=reason))


def _too_large(limits: reading.Limits) -> reading.UnreadableFile:
    return reading.UnreadableFile(tk._(
        "The file at the address is larger than {limit} MB, the most that is accepted."
    ).format(limit=f"{limits.max_bytes / reading.MB:.1f}"))


def fetch(url: str, limits: reading.Limits) -> IO[bytes]:
    """The file at `url`, in a temporary file (in memory while small), at its start."""
    seconds = tk.config.get("ckanext.transparency.opendata.fetch_timeout")
    deadline = time.monotonic() + seconds
    out = tempfile.SpooledTemporaryFile(max_size=8 * reading.MB)
    try:
        with requests.get(url, stream=True, timeout=seconds, allow_redirects=True,
                          headers={"User-Agent": "ckanext-transparency"}) as response:
            if response.status_code >= 400:
                raise _failed(url, tk._("the address answered {status} {reason}").format(
                    status=response.status_code, reason=response.reason or ""))
            mimetype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if mimetype in _WEB_PAGES:
                raise reading.UnreadableFile(tk._(
                    "The address gives a web page, not a data file: link the CSV or XLSX "
                    "file itself."))
            if int(response.headers.get("Content-Length") or 0) > limits.max_bytes:
                raise _too_large(limits)
            # read1 returns what has come (one read of the socket, itself bounded by the
            # timeout), so a trickling answer is stopped at the deadline
            while chunk := response.raw.read1(_READ, decode_content=True):
                out.write(chunk)
                if out.tell() > limits.max_bytes:
                    raise _too_large(limits)
                if time.monotonic() > deadline:
                    raise requests.Timeout()
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        out.close()
        raise _failed(url, tk._("no complete answer within {seconds} seconds").format(
            seconds=seconds))
    except (requests.RequestException, urllib3.exceptions.HTTPError):
        out.close()
        raise _failed(url, tk._("the address could not be reached"))
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out
