"""The standards' own validators, run offline on the copies in tests/standards/data/ (and the
OCDS schema shipped in ckanext/transparency/opendata/standards/).

libcove tools fetch schemas and codelists with `requests`; they are pointed at a local HTTP
server over the data folder (`LocalStandards`), so nothing leaves the machine. Each function
returns a list of error messages: empty means the validator found nothing wrong.
"""
from __future__ import annotations

import functools
import io
import json
import tempfile
import threading
import warnings
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
OCDS = Path(__file__).resolve().parents[2] / "ckanext" / "transparency" / "opendata" / \
    "standards" / "ocds-1.1.5"
OCDS_TAG = "1__1__5"
OC4IDS = DATA / "oc4ids-0.9.5"
SHAPES = DATA / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"
SHACL = "http://www.w3.org/ns/shacl#"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class LocalStandards:
    """An HTTP server on 127.0.0.1 over the data folder and a zip of the OCDS standard in the
    layout of the standard's repository (what libcoveocds downloads)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.ocds_zip = folder / f"standard-{OCDS_TAG}.zip"
        with zipfile.ZipFile(self.ocds_zip, "w") as archive:
            archive.writestr(f"standard-{OCDS_TAG}/", "")
            for path in sorted(OCDS.rglob("*")):
                if path.is_file():
                    archive.write(path, f"standard-{OCDS_TAG}/schema/{path.relative_to(OCDS)}")
            # libcoveocds loads this record-package schema eagerly; release packages (all the
            # portal publishes) never refer to it, and the 1.1.5 copy does not carry it
            archive.writestr(f"standard-{OCDS_TAG}/schema/versioned-release-validation-"
                             "schema.json", json.dumps({"$schema": "http://json-schema.org/"
                                                        "draft-04/schema#"}))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def libcoveocds_errors(package: dict, standards: LocalStandards) -> list[str]:
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
    config = LibCoveOCDSConfig({"standard_zip": f"file://{standards.ocds_zip}",
                                "context": "api"})
    with tempfile.TemporaryDirectory() as folder:
        result = ocds_json_output(folder, json_data=package, lib_cove_ocds_config=config)
    errors = [f"{e['path']}: {e['description']} ({e.get('value', '')})"
              for e in result["validation_errors"]]
    errors += [f"closed codelist {path}: {info['values']}"
               for path, info in result["additional_closed_codelist_values"].items()]
    errors += [f"{check}: {found}" for check, found in
               (result.get("conformance_errors") or {}).items() if found]
    errors += [f"{check}: {found}" for check, found in result["additional_checks"].items()]
    return errors


def ocdskit_compile_errors(package: dict) -> list[str]:
    """`ocdskit compile` (its library function), with every warning an error; each record must
    hold each release once."""
    from ocdskit.combine import merge
    schema = json.loads((OCDS / "release-schema.json").read_text())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [records] = list(merge([package], schema=schema, return_package=True,
                               return_versioned_release=True))
    errors = [f"warning: {w.message}" for w in caught]
    ocids = {r["ocid"] for r in package["releases"]}
    if len(records["records"]) != len(ocids):
        errors.append(f"{len(records['records'])} records for {len(ocids)} ocids")
    for record in records["records"]:
        ids = [r["id"] for r in record["releases"]]
        if len(ids) != len(set(ids)):
            errors.append(f"{record['ocid']}: releases {ids}")
        if "compiledRelease" not in record:
            errors.append(f"{record['ocid']}: no compiled release")
    return errors


def flattentool_roundtrip(xlsx: bytes, standards: LocalStandards) -> dict:
    """The JSON that `flatten-tool unflatten` makes of a flat OCDS workbook (the options
    libcoveocds and the OCDS documentation use)."""
    import flattentool
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "ocds.xlsx", Path(folder) / "unflattened.json"
        source.write_bytes(xlsx)
        # the Meta sheet holds the package's own fields: its schema without the reference to
        # the release schema by URL (flatten-tool would download it; releases are read with
        # the local release schema)
        package_schema = json.loads((OCDS / "release-package-schema.json").read_text())
        package_schema["properties"]["releases"]["items"] = {"type": "object"}
        metatab_schema = Path(folder) / "release-package-schema.json"
        metatab_schema.write_text(json.dumps(package_schema))
        with warnings.catch_warnings():  # notes on the schema; the result is what is compared
            warnings.simplefilter("ignore")
            flattentool.unflatten(
                str(source), output_name=str(output), input_format="xlsx",
                root_list_path="releases", root_id="ocid", id_name="id",
                schema=str(OCDS / "release-schema.json"),
                metatab_name="Meta", metatab_vertical_orientation=True,
                metatab_schema=str(metatab_schema),
                disable_local_refs=False)
        return json.loads(output.read_text())


def libcoveoc4ids_errors(package: dict, standards: LocalStandards) -> list[str]:
    from libcoveoc4ids.api import oc4ids_json_output
    from libcoveoc4ids.config import LibCoveOC4IDSConfig
    base = f"{standards.url}{OC4IDS.name}/"
    config = LibCoveOC4IDSConfig({"schema_host": base,
                                  "schema_version_choices": {"0.9.5": ("0.9.5", base)},
                                  "schema_codelists": {"0.9": f"{base}codelists/"}})
    with tempfile.TemporaryDirectory() as folder:
        result = oc4ids_json_output(folder, json_data=package, lib_cove_oc4ids_config=config)
    errors = [f"{json.loads(e)['message']} at {[p['path'] for p in paths][:3]}"
              for e, paths in result["validation_errors"]]
    errors += [f"{kind} codelist {path}: {info['values']}"
               for kind in ("closed", "open")
               for path, info in result[f"additional_{kind}_codelist_values"].items()]
    errors += [f"{check}" for check in result["additional_checks"]]
    return errors


@functools.lru_cache(maxsize=1)
def _shapes():
    import rdflib
    return rdflib.Graph().parse(SHAPES, format="turtle")


def shacl_violations(data: bytes, rdf_format: str) -> list[str]:
    """DCAT-AP 3.0.0's shapes (pyshacl, RDFS inference): the violations (warnings aside)."""
    import pyshacl
    import rdflib
    graph = rdflib.Graph().parse(data=data, format=rdf_format)
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=_shapes(), inference="rdfs",
                                                 allow_warnings=True, allow_infos=True)
    sh = rdflib.Namespace(SHACL)
    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        if results.value(result, sh.resultSeverity) != sh.Violation:
            continue
        violations.append(" ".join(str(results.value(result, p)) for p in (
            sh.focusNode, sh.resultPath, sh.value, sh.resultMessage)))
    return violations


def ical_errors(data: bytes) -> list[str]:
    """icalendar's parser, and RFC 5545 3.2.19: every TZID named is defined by a VTIMEZONE."""
    import icalendar
    calendar = icalendar.Calendar.from_ical(data)
    errors = [f"{component.name}: {error}" for component in calendar.walk()
              for error in getattr(component, "errors", [])]
    defined = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    for component in calendar.walk():
        for name, value in component.property_items(recursive=False):
            tzid = getattr(value, "params", {}).get("TZID")
            if tzid and tzid not in defined:
                errors.append(f"{component.name} {name}: TZID {tzid} has no VTIMEZONE")
    return errors


def atom_errors(data: bytes) -> list[str]:
    import feedparser
    feed = feedparser.parse(io.BytesIO(data))
    errors = [f"not well-formed: {feed.bozo_exception}"] if feed.bozo else []
    if feed.version != "atom10":
        errors.append(f"not Atom 1.0 but {feed.version!r}")
    return errors
