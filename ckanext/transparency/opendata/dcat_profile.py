"""The portal's DCAT-AP 3.0.0 profile, run after ckanext-dcat's `euro_dcat_ap_3`.

ckanext-dcat writes some values as literals where DCAT-AP 3.0.0 wants IRIs of controlled
vocabularies, and leaves out what only the site knows. This profile completes the graph:
the catalog's description and publisher in the four languages (from the configuration),
file types, media types and languages as vocabulary IRIs, and the algorithm of each checksum.
Each vocabulary IRI is typed with the class DCAT-AP expects of it (as the vocabulary itself
says), so the record validates without fetching the vocabularies.
"""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckanext.dcat.profiles import DCAT, DCT, FOAF, RDF, SPDX, VCARD, RDFProfile
from rdflib import BNode, Literal, URIRef

from ckanext.transparency.i18n.transliterate import to_cyrillic

PROFILE = "transparency_dcat_ap"
PROFILES_OPTION = "ckanext.dcat.rdf.profiles"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
# CKAN resource formats -> codes of the EU file-type vocabulary
FILE_TYPES = {"CSV": "CSV", "TSV": "TSV", "XLSX": "XLSX", "XLS": "XLS", "JSON": "JSON",
              "PDF": "PDF", "XML": "XML", "ZIP": "ZIP", "ODS": "ODS", "DOCX": "DOCX",
              "HTML": "HTML", "TXT": "TXT", "GEOJSON": "GEOJSON", "ICS": "ICS",
              "RDF": "RDF_XML", "TTL": "RDF_TURTLE", "JSONLD": "JSON_LD", "JSON-LD": "JSON_LD"}
# language tags the portal writes (ckan.locale_default, the datasets' `language`) -> EU codes
LANGUAGES = {"uz": "UZB", "uz-latn": "UZB", "uz-cyrl": "UZB", "uz_cyrl": "UZB", "ru": "RUS",
             "en": "ENG"}
# checksum length in hex digits -> the SPDX algorithm that gives it (CKAN's xloader: MD5)
CHECKSUM_ALGORITHMS = {32: "checksumAlgorithm_md5", 40: "checksumAlgorithm_sha1",
                       64: "checksumAlgorithm_sha256", 128: "checksumAlgorithm_sha512"}
# predicate -> the class of its values, as DCAT-AP 3.0.0's shapes require
VALUE_CLASSES = {DCT["format"]: DCT.MediaTypeOrExtent, DCAT.mediaType: DCT.MediaType,
                 DCT.language: DCT.LinguisticSystem, DCT.accrualPeriodicity: DCT.Frequency}
# the catalog's texts: (language tag in RDF, suffix of the option)
CATALOG_LANGUAGES = (("uz", "uz"), ("uz-Cyrl", "uz"), ("ru", "ru"), ("en", "en"))


def enable(config) -> None:
    """Add this profile after the configured ones (ckanext-dcat's default: euro_dcat_ap_3)."""
    profiles = (config.get(PROFILES_OPTION) or "euro_dcat_ap_3").split()
    if PROFILE not in profiles:
        config[PROFILES_OPTION] = " ".join([*profiles, PROFILE])


def _in_languages(option: str, fallback: str) -> list[Literal]:
    texts = []
    for tag, suffix in CATALOG_LANGUAGES:
        text = tk.config.get(f"{option}_{suffix}") or fallback
        if text:
            texts.append(Literal(to_cyrillic(text) if tag == "uz-Cyrl" else text, lang=tag))
    return texts


def language_iri(value: str) -> URIRef | None:
    code = LANGUAGES.get(str(value).strip().lower())
    return URIRef(LANGUAGE + code) if code else None


def file_type_iri(value: str) -> URIRef | None:
    text = str(value).strip().upper().lstrip(".")
    if text.startswith(FILE_TYPE.upper()):
        return URIRef(str(value))
    code = FILE_TYPES.get(text)
    return URIRef(FILE_TYPE + code) if code else None


def media_type_iri(value: str) -> URIRef | None:
    text = str(value).split(";")[0].strip().lower()
    if text.startswith(MEDIA_TYPE):
        return URIRef(text)
    if text.count("/") != 1 or " " in text:
        return None
    return URIRef(MEDIA_TYPE + text)


class TransparencyDCATAPProfile(RDFProfile):

    def graph_from_catalog(self, catalog_dict, catalog_ref):
        g = self.g
        option = "ckanext.transparency.opendata.catalog"
        g.remove((catalog_ref, DCT.description, None))
        for text in _in_languages(f"{option}.description",
                                  tk.config.get("ckan.site_description")):
            g.add((catalog_ref, DCT.description, text))
        for publisher in list(g.objects(catalog_ref, DCT.publisher)):
            g.remove((catalog_ref, DCT.publisher, publisher))
        uri = tk.config.get(f"{option}.publisher_uri")
        publisher = URIRef(uri) if uri else BNode()
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        for name in _in_languages(f"{option}.publisher", tk.config.get("ckan.site_title")):
            g.add((publisher, FOAF.name, name))
        self._to_iris(catalog_ref, DCT.language, language_iri)
        for homepage in g.objects(catalog_ref, FOAF.homepage):
            g.add((homepage, RDF.type, FOAF.Document))
        self._type_values(catalog_ref)

    def graph_from_dataset(self, dataset_dict, dataset_ref):
        self._to_iris(dataset_ref, DCT.language, language_iri)
        self._type_values(dataset_ref)
        for contact in self.g.objects(dataset_ref, DCAT.contactPoint):
            self.g.add((contact, RDF.type, VCARD.Kind))  # what vcard:Organization is a kind of
        for distribution in list(self.g.objects(dataset_ref, DCAT.distribution)):
            self._to_iris(distribution, DCT["format"], file_type_iri)
            self._to_iris(distribution, DCAT.mediaType, media_type_iri)
            self._to_iris(distribution, DCT.language, language_iri)
            self._type_values(distribution)
            for checksum in list(self.g.objects(distribution, SPDX.checksum)):
                self._with_algorithm(checksum)

    def _type_values(self, subject) -> None:
        for predicate, value_class in VALUE_CLASSES.items():
            for value in self.g.objects(subject, predicate):
                if isinstance(value, URIRef):
                    self.g.add((value, RDF.type, value_class))

    def _to_iris(self, subject, predicate, to_iri) -> None:
        """Literals of `predicate` become the vocabulary's IRIs; a literal with no IRI goes
        (a value outside the vocabulary would make the record invalid)."""
        for value in list(self.g.objects(subject, predicate)):
            if isinstance(value, Literal):
                self.g.remove((subject, predicate, value))
                iri = to_iri(value)
                if iri is not None:
                    self.g.add((subject, predicate, iri))

    def _with_algorithm(self, checksum) -> None:
        if self.g.value(checksum, SPDX.algorithm) is not None:
            return
        value = str(self.g.value(checksum, SPDX.checksumValue) or "")
        algorithm = CHECKSUM_ALGORITHMS.get(len(value))
        if algorithm:
            self.g.add((checksum, SPDX.algorithm, SPDX[algorithm]))
        else:  # a checksum whose algorithm cannot be known is no use to anyone
            self.g.remove((checksum, None, None))
            for distribution in list(self.g.subjects(SPDX.checksum, checksum)):
                self.g.remove((distribution, SPDX.checksum, checksum))
