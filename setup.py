from setuptools import setup, find_packages

setup(
    name="ckanext-transparency",
    version="0.1.0",
    description="Open-government transparency portal on CKAN 2.12: open data on schedule, "
                "appeals, public discussion of drafts, open dialogue and an openness rating.",
    license="AGPL-3.0-or-later",
    python_requires=">=3.10",
    packages=find_packages(include=["ckanext", "ckanext.*"]),
    namespace_packages=["ckanext"],
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "ckan==2.12.0",
        "ckanext-scheming==3.1.0",
        "ckanext-xloader==2.5.2",
        "psycopg2==2.9.12",
        "luqum==1.0.0",
        "snowballstemmer==3.1.1",
        "openpyxl==3.1.5",
        "fpdf2==2.8.9",
        "python-docx==1.2.0",
        "defusedxml==0.7.1",
        "icalendar==7.3.2",
        "ckanext-dcat==2.4.4",
        "jsonschema==4.26.0",
        "rfc3339-validator==0.1.4",
        "chardet==5.2.0",
        "tabulator==1.53.5",
        "Unidecode==1.4.0",
    ],
    entry_points={
        "ckan.plugins": [
            "transparency_search = ckanext.transparency.plugins.search:SearchPlugin",
            "transparency = ckanext.transparency.plugins.portal:PortalPlugin",
            "transparency_consultations = ckanext.transparency.plugins.consultations:ConsultationsPlugin",
            "transparency_dialogue = ckanext.transparency.plugins.dialogue:DialoguePlugin",
            "transparency_appeals = ckanext.transparency.plugins.appeals:AppealsPlugin",
            "transparency_opendata = ckanext.transparency.plugins.opendata:OpendataPlugin",
            "transparency_rating = ckanext.transparency.plugins.rating:RatingPlugin",
        ],
        "babel.extractors": [
            "ckan = ckan.lib.extract:extract_ckan",
        ],
    },
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
            # plain-string labels and placeholders of the scheming schemas (i18n/extract.py)
            ("**/schemas/*.yaml", "ckanext.transparency.i18n.extract:extract_scheming", None),
        ],
    },
)
