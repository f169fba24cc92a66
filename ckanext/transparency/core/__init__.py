"""The portal's core: the interfaces that features implement (interfaces.py), the shapes they
hand over (jobs, measures, demo steps) and the services every feature shares (department roles,
action contexts, the site's day). Nothing here imports a feature."""
