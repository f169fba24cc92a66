"""A babel extractor for ckanext-scheming schemas (YAML or JSON).

Scheming passes a plain-string label, placeholder or help text through gettext
(`scheming_language_text`), so those strings belong in the catalogs like any template string.
A `{lang: text}` value is already multilingual and is not extracted.
"""
from __future__ import annotations

from typing import Any, Iterator

import yaml

# The keys whose values scheming's templates translate.
TEXT_KEYS = {"label", "repeating_label", "form_placeholder", "help_text", "title", "upload_label",
             "form_alert_warning", "label_time", "label_tz"}


def _walk(node: yaml.Node) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (isinstance(key, yaml.ScalarNode) and key.value in TEXT_KEYS
                    and isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str")
                    and value.value.strip()):
                yield value.start_mark.line + 1, value.value
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def extract_scheming(fileobj: Any, keywords: Any, comment_tags: Any,
                     options: Any) -> Iterator[tuple[int, None, str, list[str]]]:
    """babel extractor: (lineno, funcname, message, comments) for each translatable text."""
    text = fileobj.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        for lineno, message in _walk(root):
            yield lineno, None, message, []
