"""Recordings on video hosts: which host and video a link names, its player, its thumbnail and
a link to a moment of it. Only the address is read; the portal never requests the host.

A link counts as YouTube or Vimeo only when it is http(s) and its host is exactly one of theirs
(not a look-alike such as `youtube.com.example.org` or `example.org/?youtube.com/watch?v=`),
and the video id has the host's form; anything else is an ordinary web address.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from ckanext.transparency.urls import is_http_url

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                 "youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATH = re.compile(r"/(?:embed|live|shorts|v)/([^/?#]+)/?")
_VIMEO_PATH = re.compile(r"/(?:video/)?(\d{1,12})/?")


class Video(NamedTuple):
    host: str  # "youtube" or "vimeo"
    id: str


def _host(url: str) -> str | None:
    if not is_http_url(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return (parts.hostname or "").rstrip(".")


def recognise(url: str | None) -> Video | None:
    """The YouTube or Vimeo video a link names, else None."""
    host = _host(url) if isinstance(url, str) else None
    if not host:
        return None
    path = urlsplit(url).path
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = path.strip("/")
        elif path in ("/watch", "/watch/"):
            candidate = (parse_qs(urlsplit(url).query).get("v") or [""])[0]
        else:
            match = _YOUTUBE_PATH.fullmatch(path)
            candidate = match.group(1) if match else ""
        return Video("youtube", candidate) if _YOUTUBE_ID.fullmatch(candidate) else None
    if host in VIMEO_HOSTS:
        match = _VIMEO_PATH.fullmatch(path)
        return Video("vimeo", match.group(1)) if match else None
    return None


def player_url(url: str | None) -> str | None:
    """The embeddable player (YouTube's privacy-enhanced mode, Vimeo's player), else None."""
    video = recognise(url)
    if video is None:
        return None
    if video.host == "youtube":
        return f"https://www.youtube-nocookie.com/embed/{video.id}"
    return f"https://player.vimeo.com/video/{video.id}"


def thumbnail_url(url: str | None) -> str | None:
    """The host's still image, where its address follows from the link alone (YouTube); Vimeo's
    needs a request to its API, which the portal does not make."""
    video = recognise(url)
    if video is None or video.host != "youtube":
        return None
    return f"https://i.ytimg.com/vi/{video.id}/hqdefault.jpg"


def at_time(url: str | None, seconds: int | None) -> str | None:
    """A link to a moment of the recording: ?t=754s on YouTube, #t=12m34s on Vimeo, the media
    fragment #t=754 on any other http(s) address (a file the browser plays). None otherwise."""
    if seconds is None or not is_http_url(url):
        return None
    seconds = max(0, int(seconds))
    video = recognise(url)
    if video and video.host == "youtube":
        return f"https://www.youtube.com/watch?v={video.id}&t={seconds}s"
    if video:
        minutes, rest = divmod(seconds, 60)
        return f"https://vimeo.com/{video.id}#t={minutes}m{rest}s"
    return f"{url.split('#')[0]}#t={seconds}"
