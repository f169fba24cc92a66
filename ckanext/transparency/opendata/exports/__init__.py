"""Downloads: XLSX at CKAN's DataStore dump URL, OCDS release packages, OC4IDS projects."""
