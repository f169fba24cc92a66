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
        "openpyxl==3.1.5",
    ],
    entry_points={
        "ckan.plugins": [
            "transparency_search = ckanext.transparency.plugins.search:SearchPlugin",
            "transparency = ckanext.transparency.plugins.portal:PortalPlugin",
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
        ],
    },
)
