"""The UI catalogs of the portal: extract, update, compile, check.

    python -m ckanext.transparency.i18n.catalogs update    # `make i18n`: extract the strings,
                                                           # merge them into every catalog, derive
                                                           # uz_Cyrl from uz, compile
    python -m ckanext.transparency.i18n.catalogs compile   # the .mo files (make up/test run it)
    python -m ckanext.transparency.i18n.catalogs check     # what tests/i18n checks

Two directories (flask-babel reads both; CKAN builds its JavaScript catalogs only when they
are apart):

- this one, the `transparency` plugin's ITranslation directory: `<locale>/LC_MESSAGES/
  ckanext-transparency.po` (uz, uz_Cyrl, ru, en) with the extension's strings, the strings of
  the other extensions the portal runs that ship no catalog (scheming, xloader) and, for ru,
  the CKAN strings that CKAN's own Russian catalog leaves untranslated;
- `ckan/`, CKAN's `ckan.i18n_directory` (the locales CKAN offers are the folders found there):
  `<locale>/LC_MESSAGES/ckan.po` (uz, uz_Cyrl) is CKAN core in Uzbek, a translation of CKAN's
  own `ckan.pot`; `ru/` and `ckan.pot` are copies of CKAN's, made by `compile` (gitignored).

uz is the source of Uzbek: uz_Cyrl entries are transliterated from it (`transliterate.py`),
except an entry whose translator comment says `manual` (a reviewed exception, kept as written).
Only .po and .pot files are committed; .mo files are compiled from them.
"""
from __future__ import annotations

import ast
import io
import re
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .transliterate import to_cyrillic_message

I18N_DIR = Path(__file__).resolve().parent
CKAN_DIR = I18N_DIR / "ckan"  # ckan.i18n_directory
ROOT = I18N_DIR.parents[2]
DOMAIN = "ckanext-transparency"
CKAN_DOMAIN = "ckan"
LOCALES = ("uz", "uz_Cyrl", "ru", "en")
CORE_LOCALES = ("uz", "uz_Cyrl")  # CKAN core translated here (CKAN ships no Uzbek)
REUSED_CORE_LOCALES = ("ru",)  # CKAN's own catalog, copied
DERIVED = {"uz_Cyrl": "uz"}  # transliterated from
MANUAL = "manual"  # translator comment of a uz_Cyrl entry that is not transliterated
UPDATE_COMMAND = "make i18n"
KEYWORDS = {**DEFAULT_KEYWORDS, "ungettext": (1, 2)}


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    assert spec and spec.submodule_search_locations, name
    return Path(list(spec.submodule_search_locations)[0])


def ckan_i18n_dir() -> Path:
    return _package_dir("ckan") / "i18n"


# CKAN core strings a visitor, an editor or a sysadmin meets (by where CKAN uses them: pages,
# the sysadmin pages, the text its JavaScript modules add); the rest of ckan.pot (e-mails,
# developer pages, plugins the portal does not run) may stay untranslated. The API help pages
# are optional, and left out.
CORE_SCOPE = ("ckan/templates/", "ckan/views/", "ckan/lib/helpers.py", "ckan/lib/formatters.py",
              "ckan/lib/navl/", "ckan/logic/", "ckan/model/license.py", "ckan/authz.py",
              "ckan/public-midnight-blue/base/javascript/",
              "ckanext/activity/templates/", "ckanext/activity/views.py",
              "ckanext/activity/logic/", "ckanext/datastore/templates/",
              "ckanext/datatablesview/", "ckanext/textview/", "ckanext/imageview/")
CORE_SCOPE_EXCLUDED = ("ckan/templates/development/", "ckan/templates/tests/",
                       "ckan/templates/emails/",
                       "ckanext/datastore/templates/datastore/snippets/api_info")

# Other extensions the portal runs whose strings no catalog carries: (package, folder, method).
PLATFORM_SOURCES = (
    ("ckanext.scheming", "templates", "ckan"),
    ("ckanext.scheming", "ckan_dataset.yaml", "ckanext.transparency.i18n.extract:extract_scheming"),
    ("ckanext.xloader", "templates", "ckan"),
    ("ckanext.xloader", "helpers.py", "python"),  # the upload states of the DataStore page
)


def _po_path(locale: str, domain: str = DOMAIN) -> Path:
    directory = CKAN_DIR if domain == CKAN_DOMAIN else I18N_DIR
    return directory / locale / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


# --- templates --------------------------------------------------------------------------------

def _setup_message_extractors() -> dict[str, list[tuple[str, str]]]:
    """`message_extractors` of setup.py (one source for babel and for this module)."""
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "message_extractors":
            value = ast.literal_eval(node.value)
            return {d: [(pattern, method) for pattern, method, _ in rules]
                    for d, rules in value.items()}
    raise RuntimeError("setup.py has no message_extractors")


def _add(catalog: Catalog, msgid: str | tuple, location: tuple[str, int],
         comments: list[str] | tuple = ()) -> None:
    key = msgid[0] if isinstance(msgid, tuple) else msgid
    if not key:
        return
    existing = catalog.get(key)
    if existing is not None:
        existing.locations.append(location)
    else:
        catalog.add(msgid, locations=[location], auto_comments=list(comments))


def extension_template() -> Catalog:
    """The extension's strings, extracted as setup.py's message_extractors say."""
    catalog = Catalog(project=DOMAIN, fuzzy=False)
    for directory, method_map in _setup_message_extractors().items():
        for filename, lineno, msgid, comments, _ in extract_from_dir(
                ROOT / directory, method_map, keywords=KEYWORDS, strip_comment_tags=True):
            _add(catalog, msgid, (f"{directory}/{filename}", lineno), comments)
    return catalog


def ckan_template() -> Catalog:
    return _read(ckan_i18n_dir() / "ckan.pot")


def in_core_scope(locations) -> bool:
    return any(path.startswith(CORE_SCOPE) and not path.startswith(CORE_SCOPE_EXCLUDED)
               for path, _ in locations)


def platform_template(core: Catalog) -> Catalog:
    """Strings of scheming and xloader that CKAN's ckan.pot does not carry, or carries for pages
    outside CORE_SCOPE only."""
    catalog = Catalog(project=DOMAIN, fuzzy=False)
    for package, relative, method in PLATFORM_SOURCES:
        base = _package_dir(package)
        path = base / relative
        label = f"{package.replace('.', '/')}/{relative}"
        if path.is_dir():
            found = ((f"{label}/{name}", lineno, msgid) for name, lineno, msgid, _, _ in
                     extract_from_dir(path, [("**.html", method)], keywords=KEYWORDS))
        else:
            with open(path, "rb") as f:
                found = [(label, lineno, msgid) for lineno, msgid, _, _ in
                         extract(method, f, keywords=KEYWORDS)]
        for location, lineno, msgid in found:
            key = msgid[0] if isinstance(msgid, tuple) else msgid
            # a string CKAN has only for pages the portal does not show (datapusher's, which
            # xloader reuses) is not in CORE_SCOPE: it is ours to translate
            if key not in core or not in_core_scope(core[key].locations):
                _add(catalog, msgid, (location, lineno))
    return catalog


# CKAN strings whose translation in CKAN's own Russian catalog is wrong: English left in it, a
# placeholder renamed ("Поле {номер}." for "Field {num}." stops the data dictionary page with an
# error), or words that say something else (a department's "About" tab «О проекте», its
# "Activity Stream" «Динамика процесса», the sort by "Relevance" «Актуальность»). Our ru catalog, which flask-babel reads after CKAN's, translates them again.
RU_CORRECTIONS = (
    "Field {num}.", "{count} member", "Other (Not Open)", "Creative Commons Non-Commercial (Any)",
    "Email", "Email address", "Email {email} is not a valid format", "Joe Bloggs",
    "eg. Joe Bloggs", "eg. joe@example.com", "eg. application/json",
    "You can also access this registry using the %(api_link)s (see %(api_doc_link)s).",
    "This dataset satisfies the Open Definition.", "eg. January 2011 Gold Prices", "About {0}",
    "About", "Activity Stream", "Name Ascending", "Name Descending", "Relevance",
)
# CKAN's Russian calls a dataset «пакет» or «массив» and an organization «организация»; the
# portal says «набор данных» and «отдел» (a CKAN organization is one of its departments), so
# every CKAN string translated with those words is translated again in our catalog.
RU_OTHER_TERMS = re.compile("пакет|массив|организац", re.IGNORECASE)


def _texts(value) -> tuple:
    """A message's id or string as the tuple of its forms (one, or one per plural form)."""
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _keeps_placeholders(message) -> bool:
    ids, strings = _texts(message.id), _texts(message.string)
    return all(placeholders(s) in (placeholders(ids[0]), placeholders(ids[-1])) for s in strings)


def _uses_other_terms(message) -> bool:
    return any(RU_OTHER_TERMS.search(string or "") for string in _texts(message.string))


# CKAN calls a department an organization. The English pages say department, as the portal's
# own strings do: a CKAN string (CKAN's, a plugin's, or one the portal shows for CKAN) naming an
# organization is given in our en catalog in the portal's word; the portal's own strings that
# say "the organization" mean the whole organization and are left as written.
_ORGANIZATION = re.compile(r"(?<![{(\w])(an? )?(o)rganization(s?)(?![\w})])", re.IGNORECASE)
RUNTIME_STRINGS = "ckanext/transparency/i18n/runtime_strings.py"  # CKAN's, listed by us


def in_portal_words(text: str) -> str:
    def department(match) -> str:
        article, initial, plural = match.groups()
        article = (article[0] + " ") if article else ""
        return f"{article}{'D' if initial == 'O' else 'd'}epartment{plural}"
    return _ORGANIZATION.sub(department, text)


def _names_an_organization(message) -> bool:
    return any(_ORGANIZATION.search(text) for text in _texts(message.id))


def _is_ckans(message, core: Catalog) -> bool:
    return (message.id in core or any(
        not path.startswith("ckanext/transparency/") or path == RUNTIME_STRINGS
        for path, _ in message.locations))


def en_core_terms(core: Catalog) -> Catalog:
    """CKAN strings in CORE_SCOPE naming an organization: our en catalog says department."""
    catalog = Catalog(project=DOMAIN, fuzzy=False)
    for message in core:
        if message.id and in_core_scope(message.locations) and _names_an_organization(message):
            _add(catalog, message.id, message.locations[0])
    return catalog


def ru_core_gaps(core: Catalog) -> Catalog:
    """CKAN strings in CORE_SCOPE that CKAN's own Russian catalog leaves untranslated, gets
    wrong (RU_CORRECTIONS), words in other terms than the portal's or whose placeholders it
    breaks."""
    russian = _read(ckan_i18n_dir() / "ru" / "LC_MESSAGES" / "ckan.po")
    catalog = Catalog(project=DOMAIN, fuzzy=False)
    for message in core:
        if not message.id or not in_core_scope(message.locations):
            continue
        key = _texts(message.id)[0]
        translated = russian.get(message.id)
        if (translated is None or not _is_translated(translated) or key in RU_CORRECTIONS
                or not _keeps_placeholders(translated) or _uses_other_terms(translated)):
            _add(catalog, message.id, message.locations[0])
    return catalog


def _merged(*catalogs: Catalog) -> Catalog:
    result = Catalog(project=DOMAIN, fuzzy=False)
    for catalog in catalogs:
        for message in catalog:
            if message.id:
                for location in message.locations or [("", 0)]:
                    _add(result, message.id, location, message.auto_comments)
    return result


@dataclass
class Templates:
    extension: Catalog
    platform: Catalog
    core: Catalog
    ru_gaps: Catalog
    en_terms: Catalog

    def for_locale(self, locale: str) -> Catalog:
        core_parts = {"ru": [self.ru_gaps], "en": [self.en_terms]}.get(locale, [])
        return _merged(self.extension, self.platform, *core_parts)


def templates() -> Templates:
    core = ckan_template()
    return Templates(extension_template(), platform_template(core), core, ru_core_gaps(core),
                     en_core_terms(core))


# --- update -------------------------------------------------------------------------------------

def _is_translated(message) -> bool:
    if message.fuzzy:
        return False
    strings = _texts(message.string)
    return bool(strings) and all(strings)


def _render(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, ignore_obsolete=True, include_previous=False,
             include_lineno=False)
    return buf.getvalue()


_DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', re.MULTILINE)


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write unless only the header dates would change."""
    if path.exists() and _DATE_LINE.sub(b"", path.read_bytes()) == _DATE_LINE.sub(b"", content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def _derive(catalog: Catalog, source: Catalog) -> None:
    """Transliterate every entry of `source` into `catalog` (except the manual ones)."""
    for message in catalog:
        if not message.id or MANUAL in message.user_comments:
            continue
        original = source.get(message.id)
        if original is None or not _is_translated(original):
            message.string = ("",) * len(message.string) if isinstance(
                message.string, tuple) else ""
            continue
        if isinstance(original.string, tuple):
            message.string = tuple(to_cyrillic_message(s) for s in original.string)
        else:
            message.string = to_cyrillic_message(original.string)
        message.flags.discard("fuzzy")


def _in_english(message, core: Catalog) -> None:
    if _is_ckans(message, core) and _names_an_organization(message):
        words = [in_portal_words(text) for text in _texts(message.id)]
        message.string = (tuple(words[min(i, len(words) - 1)] for i in range(len(
            message.string))) if isinstance(message.string, tuple) else words[0])
    elif not _is_translated(message):
        message.string = message.id


def _updated(path: Path, locale: str, domain: str, template: Catalog,
             derived_from: Catalog | None, core: Catalog) -> Catalog:
    if path.exists():
        catalog = _read(path, locale)
    else:
        catalog = Catalog(locale=locale, domain=domain, project=DOMAIN, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    if locale == "en" and domain == DOMAIN:
        for message in catalog:
            if message.id:
                _in_english(message, core)
    if derived_from is not None:
        _derive(catalog, derived_from)
    return catalog


def update(log=print) -> None:
    """Extract, merge into every catalog, derive the transliterated ones, compile."""
    found = templates()
    pot = _merged(found.extension, found.platform)
    if _write_if_changed(I18N_DIR / f"{DOMAIN}.pot", _render(pot)):
        log(f"wrote {DOMAIN}.pot ({len(pot)} strings)")
    for domain, locales, template_of in (
            (DOMAIN, LOCALES, found.for_locale),
            (CKAN_DOMAIN, CORE_LOCALES, lambda _: found.core)):
        written: dict[str, Catalog] = {}
        for locale in sorted(locales, key=lambda l: l in DERIVED):  # sources first
            source = written.get(DERIVED[locale]) if locale in DERIVED else None
            catalog = _updated(_po_path(locale, domain), locale, domain, template_of(locale),
                               source, found.core)
            written[locale] = catalog
            if _write_if_changed(_po_path(locale, domain), _render(catalog)):
                log(f"wrote {locale}/LC_MESSAGES/{domain}.po")
    compile_catalogs(log)
    for problem in check():
        log(problem)


# --- compile ------------------------------------------------------------------------------------

def _mo_bytes(po: Path) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, _read(po), use_fuzzy=False)
    return buf.getvalue()


def _compiled() -> dict[Path, bytes | Path]:
    """Every generated file: its expected content, or the CKAN file it is a copy of."""
    files: dict[Path, bytes | Path] = {}
    for locale in LOCALES:
        files[_po_path(locale).with_suffix(".mo")] = _mo_bytes(_po_path(locale))
    for locale in CORE_LOCALES:
        files[_po_path(locale, CKAN_DOMAIN).with_suffix(".mo")] = _mo_bytes(
            _po_path(locale, CKAN_DOMAIN))
    ckan_dir = ckan_i18n_dir()
    for locale in REUSED_CORE_LOCALES:
        for suffix in (".po", ".mo"):
            files[_po_path(locale, CKAN_DOMAIN).with_suffix(suffix)] = (
                ckan_dir / locale / "LC_MESSAGES" / f"{CKAN_DOMAIN}{suffix}")
    files[CKAN_DIR / "ckan.pot"] = ckan_dir / "ckan.pot"  # CKAN reads its JS strings from it
    return files


def _content(expected: bytes | Path) -> bytes:
    return expected.read_bytes() if isinstance(expected, Path) else expected


def compile_catalogs(log=print) -> list[Path]:
    """Write the .mo files (and CKAN's copies) that are missing or out of date."""
    written = []
    for path, expected in _compiled().items():
        content = _content(expected)
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(path)
    if written:
        log(f"compiled {len(written)} catalog files in {I18N_DIR.relative_to(ROOT)}")
    return written


# --- check --------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sdifr]|\{[^{}]*\}"
                          r"|</?[A-Za-z][A-Za-z0-9]*")


def placeholders(text: str) -> list[str]:
    """Placeholders and HTML tag names of a message, which a translation must keep."""
    return sorted(_PLACEHOLDER.findall(text))


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" if line else path for path, line in message.locations[:2])


def _untranslated(template: Catalog, catalogs: list[Catalog], label: str,
                  only=lambda message: True) -> list[str]:
    problems = []
    for message in template:
        if not message.id or not only(message):
            continue
        if not any((m := c.get(message.id)) is not None and _is_translated(m) for c in catalogs):
            msgid = _texts(message.id)[0]
            problems.append(f"{label}: not translated: {msgid!r}  ({_where(message)})")
    return problems


def check_extension() -> list[str]:
    """Every string of the extension (and of scheming/xloader) is translated in all four
    locales, by our catalog or the locale's CKAN catalog (for ru also every CKAN string that
    CKAN's Russian lacks)."""
    found = templates()
    problems = []
    for locale in LOCALES:
        # A string CKAN also uses is translated when the CKAN catalog of the locale has it.
        paths = [_po_path(locale), _po_path(locale, CKAN_DOMAIN) if locale in CORE_LOCALES
                 else ckan_i18n_dir() / locale / "LC_MESSAGES" / f"{CKAN_DOMAIN}.po"]
        catalogs = [_read(path, locale) for path in paths if path.exists()]
        problems += _untranslated(found.for_locale(locale), catalogs,
                                  f"{locale}/LC_MESSAGES/{DOMAIN}.po")
    # the corrections of CKAN's Russian must be in our catalog, CKAN's has them wrong
    russian = _read(ckan_i18n_dir() / "ru" / "LC_MESSAGES" / f"{CKAN_DOMAIN}.po")
    corrections = Catalog(project=DOMAIN, fuzzy=False)
    for message in found.ru_gaps:
        theirs = russian.get(message.id)
        if theirs is not None and _is_translated(theirs):
            _add(corrections, message.id, message.locations[0])
    if _po_path("ru").exists():
        problems += _untranslated(corrections, [_read(_po_path("ru"), "ru")],
                                  f"ru/LC_MESSAGES/{DOMAIN}.po (RU_CORRECTIONS)")
    return problems


def check_core() -> list[str]:
    """The CKAN strings of CORE_SCOPE are translated in uz and uz_Cyrl."""
    core = ckan_template()
    problems = []
    for locale in CORE_LOCALES:
        catalogs = [_read(p, locale) for p in (_po_path(locale, CKAN_DOMAIN), _po_path(locale))
                    if p.exists()]
        problems += _untranslated(core, catalogs, f"{locale}/LC_MESSAGES/{CKAN_DOMAIN}.po",
                                  only=lambda m: in_core_scope(m.locations))
    return problems


def check_consistency() -> list[str]:
    """Placeholders and markup kept; derived catalogs match their source; Uzbek in its script."""
    problems = []
    for domain, locales in ((DOMAIN, LOCALES), (CKAN_DOMAIN, CORE_LOCALES)):
        catalogs = {l: _read(_po_path(l, domain), l) for l in locales
                    if _po_path(l, domain).exists()}
        for locale, catalog in catalogs.items():
            label = f"{locale}/LC_MESSAGES/{domain}.po"
            for message in catalog:
                if not message.id or not _is_translated(message):
                    continue
                ids, strings = _texts(message.id), _texts(message.string)
                expected = placeholders(ids[-1])
                for string in strings:
                    if placeholders(string) != expected and placeholders(string) != placeholders(
                            ids[0]):
                        problems.append(f"{label}: placeholders or tags differ from the "
                                        f"original in {ids[0]!r}: {string!r}")
                    if locale == "uz" and re.search("[а-яА-ЯёЁўЎқҚғҒҳҲ]", string):
                        problems.append(f"{label}: Cyrillic letters in the Latin catalog: "
                                        f"{string!r}")
            source = catalogs.get(DERIVED.get(locale, ""))
            if source is not None:
                for message in catalog:
                    if not message.id or MANUAL in message.user_comments:
                        continue
                    original = source.get(message.id)
                    if original is None or not _is_translated(original):
                        continue
                    want = (tuple(map(to_cyrillic_message, original.string))
                            if isinstance(original.string, tuple)
                            else to_cyrillic_message(original.string))
                    if message.string != want:
                        problems.append(f"{label}: not the transliteration of "
                                        f"{DERIVED[locale]} (and not marked `# {MANUAL}`): "
                                        f"{message.id!r}")
    return problems


def check_compiled() -> list[str]:
    problems = []
    for path, expected in _compiled().items():
        if not path.exists() or path.read_bytes() != _content(expected):
            problems.append(f"{path.relative_to(ROOT)} is missing or out of date")
    template = I18N_DIR / f"{DOMAIN}.pot"
    found = templates()
    if not template.exists() or _DATE_LINE.sub(b"", template.read_bytes()) != _DATE_LINE.sub(
            b"", _render(_merged(found.extension, found.platform))):
        problems.append(f"{template.relative_to(ROOT)} is out of date")
    return problems


def check() -> list[str]:
    return check_extension() + check_core() + check_consistency() + check_compiled()


def report(problems: list[str]) -> str:
    return (f"{len(problems)} problem(s) in the UI catalogs (ckanext/transparency/i18n):\n  "
            + "\n  ".join(problems)
            + f"\n\nRun `{UPDATE_COMMAND}`: it adds new strings to every catalog, fills en, "
            "derives uz_Cyrl from uz and compiles. Then translate the empty msgstr entries of "
            "uz/LC_MESSAGES/ckanext-transparency.po and ru/LC_MESSAGES/ckanext-transparency.po "
            "(CKAN's own strings: ckan/uz/LC_MESSAGES/ckan.po) and run it again.")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    if command == "compile":
        compile_catalogs()
        return 0
    if command == "check":
        problems = check()
        if problems:
            print(report(problems))
            return 1
        print("the UI catalogs are complete and compiled")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
