"""Demo organization loader (placeholder until the demo data module lands)."""


def load(echo=print):
    echo("demo: nothing to load yet")
