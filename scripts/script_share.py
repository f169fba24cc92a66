"""Share of words in the other script on the Uzbek pages of a running portal.

    .venv/bin/python scripts/script_share.py http://127.0.0.1:5000 [--show 10]

For the front page, the dataset list, the department list and each section's front page,
prints the share of Latin-script words among the words of /uz_Cyrl/ pages and of
Cyrillic-script words on /uz/ pages: the visible text, as ckanext.transparency.i18n.pagecheck
reads it (text, titles, alt, placeholders, labels), without web and e-mail addresses, file
names, codes (words with digits, capitals of up to six letters, identifiers with _), the
names of software and standards, URL names (moliya-va-byudjet), the language switcher's names, and personal names (the
full names of the users the pages link to). Exit status 1 when a page is at 10% or above.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ckanext.transparency.i18n import pagecheck  # noqa: E402

PAGES = ("/", "/dataset/", "/organization/", "/open-data", "/appeals", "/dialogue",
         "/consultations", "/rating")
LIMIT = 10.0
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")  # a URL name (an image's alt on CKAN's lists)
_USER_LINK = re.compile(r'<a [^>]*href="[^"]*/user/[^"]*"[^>]*>([^<]+)</a>')


def _counted(word: str) -> bool:
    bare = word.strip("-")
    return not (len(bare) < 2 or _SLUG.fullmatch(bare) or (bare.isupper() and len(bare) <= 6)
                or bare.lower() in pagecheck.NAMES or bare.lower() in pagecheck.LANGUAGE_WORDS)


def share(html: str, locale: str) -> tuple[int, int, list[str]]:
    """(words in the other script, all words counted, the first of those words)."""
    people = {name.strip() for name in _USER_LINK.findall(html)}
    other = _LATIN if locale == "uz_Cyrl" else _CYRILLIC
    wrong, total = [], 0
    for chunk in pagecheck.visible_text(html):
        if chunk.strip() in people:
            continue
        for word in pagecheck._WORD.findall(pagecheck._NOT_TEXT.sub(" ", chunk)):
            if not _counted(word):
                continue
            total += 1
            if other.search(word):
                wrong.append(word)
    return len(wrong), total, wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--show", type=int, default=8, help="other-script words shown per page")
    args = parser.parse_args()
    over = False
    print(f"{'page':<28}{'uz_Cyrl: Latin':>22}{'uz: Cyrillic':>22}")
    for path in PAGES:
        cells, samples = [], []
        for locale in ("uz_Cyrl", "uz"):
            response = requests.get(f"{args.url.rstrip('/')}/{locale}{path}", timeout=60)
            wrong, total, words = share(response.text, locale)
            percent = 100.0 * wrong / total if total else 0.0
            over |= percent >= LIMIT
            cells.append(f"{wrong:>4}/{total:<5} {percent:5.1f}%")
            samples.append(f"{locale}: {' '.join(words[:args.show])}" if words else "")
        print(f"{path:<28}{cells[0]:>22}{cells[1]:>22}")
        for sample in samples:
            if sample and args.show:
                print(f"{'':<6}{sample}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
