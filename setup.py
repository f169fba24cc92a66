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
    # Every file of the package (templates, assets, schemas, catalogs, migrations, fonts,
    # standards, config declarations), whatever its folder: no hand-kept list to fall behind.
    package_data={"ckanext.transparency": ["**/*"]},
    exclude_package_data={"": ["*.pyc"]},
    zip_safe=False,
    # Compatible ranges: a security release of any of these installs without a new release of
    # this extension. requirements.txt pins the exact versions the portal is tested with.
    install_requires=[
        "ckan>=2.12.0,<2.13",
        "ckanext-scheming>=3.1.0,<4",
        "ckanext-xloader>=2.5.2,<3",
        "psycopg2>=2.9.9,<3",
        "luqum>=1.0.0,<2",
        "snowballstemmer>=2.2,<4",
        "openpyxl>=3.1.5,<4",
        "fpdf2>=2.8.1,<3",
        "python-docx>=1.1.0,<2",
        "defusedxml>=0.7.1,<1",
        "icalendar>=7.0,<8",
        "ckanext-dcat>=2.4.0,<3",
        "jsonschema>=4.18,<5",
        "rfc3339-validator>=0.1.4,<1",
        "chardet>=5.2.0,<6",
        "tabulator>=1.53.5,<2",
        "Unidecode>=1.3.8,<2",
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
            "transparency_telegram = ckanext.transparency.plugins.telegram:TelegramPlugin",
            "transparency_follow = ckanext.transparency.plugins.follow:FollowPlugin",
        ],
        "ckan.rdf.profiles": [
            "transparency_dcat_ap = ckanext.transparency.opendata.dcat_profile:TransparencyDCATAPProfile",
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
