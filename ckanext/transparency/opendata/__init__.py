"""Open data: typed datasets, table schemas and checked uploads, the update schedule, downloads
(XLSX at CKAN's dump URL, OCDS, OC4IDS), the /open-data section and its charts."""
