"""ckanext-scheming dataset schemas and presets of the open data types, and the table schemas
(tables/*.yaml) that a typed dataset's data resource must follow."""
