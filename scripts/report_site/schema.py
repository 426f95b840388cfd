"""The front-matter schema (front_matter.schema.yaml) and validation against it."""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from . import meeting_dates
from .front_matter import FrontMatter, _field_name
from .problems import Problem

SCHEMA_FILE = Path(__file__).with_name("front_matter.schema.yaml")


@cache
def declaration() -> dict[str, Any]:
    with SCHEMA_FILE.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def kinds() -> list[str]:
    return list(declaration()["kinds"])


@cache
def kind_schema(kind: str) -> dict[str, Any]:
    """The common fields merged with one kind's fields: one closed JSON Schema."""
    common = declaration()["common"]
    own = declaration()["kinds"][kind]
    properties = copy.deepcopy(common["properties"])
    properties.update(copy.deepcopy(own.get("properties", {})))
    properties["kind"] = {"const": kind}
    merged = {
        "$schema": declaration()["$schema"],
        "title": f"Front-matter of a '{kind}' page",
        "description": own.get("description", ""),
        "type": "object",
        "required": list(dict.fromkeys(common["required"] + own.get("required", []))),
        "properties": properties,
        "additionalProperties": False,
    }
    # Rules between fields (a field required when another has a value).
    merged.update({key: copy.deepcopy(own[key]) for key in ("if", "then", "else") if key in own})
    return merged


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    schema = kind_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def reference_fields(kind: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path with '*' for list items, target kind) of every x-ref field of a kind."""
    yield from _marked_fields(kind, "x-ref")


def anchor_fields(kind: str) -> Iterator[tuple[str, ...]]:
    for path, _ in _marked_fields(kind, "x-anchor"):
        yield path


def report_word_fields(kind: str) -> Iterator[tuple[tuple[str, ...], tuple[str, ...] | None]]:
    """(path, path of the anchor it cites or None) of every field of a kind
    shown as the report's words; the anchor is the `x-anchor` field beside it."""
    anchors = list(anchor_fields(kind))
    for path, _ in _marked_fields(kind, "x-report-words"):
        beside = [anchor for anchor in anchors if anchor[:-1] == path[:-1]]
        yield path, beside[0] if beside else None


def quoting_fields(kind: str) -> list[tuple[str, ...]]:
    """Paths of the free-text fields of a kind whose words in quotation marks are the report's."""
    return [path for path, _ in _marked_fields(kind, "x-quotes-report")]


@cache
def _marked_fields(kind: str, keyword: str) -> tuple[tuple[tuple[str, ...], Any], ...]:
    """The fields of a kind marked with `keyword`, found once per process (as
    kind_schema is read once): the cross-page checks ask for them page by page."""
    return tuple(_marked(kind_schema(kind), keyword))


def _marked(schema: dict[str, Any], keyword: str, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if keyword in schema:
        yield path, schema[keyword]
    for name, sub in schema.get("properties", {}).items():
        yield from _marked(sub, keyword, path + (name,))
    if isinstance(schema.get("items"), dict):
        yield from _marked(schema["items"], keyword, path + ("*",))


def validate_front_matter(front: FrontMatter, display: str) -> list[Problem]:
    """Every way the page's fields depart from the schema, each where it happens."""
    data = front.data
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in declaration()["kinds"]:  # a list or mapping is no kind either
        line, column = front.position(("kind",)) if "kind" in data else front.position(())
        if "kind" not in data:
            return [Problem(display, line, column, "kind", f"missing required field (expected one of: {', '.join(kinds())})")]
        return [Problem(display, line, column, "kind",
                        f"unknown kind {kind!r} (expected one of: {', '.join(kinds())})")]
    problems = []
    for error in _validator(kind).iter_errors(data):
        problems.extend(_describe(error, front, display, kind))
    return problems


def valid_fields(front: FrontMatter) -> dict[str, Any] | None:
    """The page's fields less those the schema refuses (any with an error
    inside, and unknown ones), so that the checks beyond the schema still run
    on the rest in the same round; None when the page's kind is unknown."""
    kind = front.data.get("kind")
    if not isinstance(kind, str) or kind not in declaration()["kinds"]:
        return None
    refused: set[Any] = set()
    for error in _validator(kind).iter_errors(front.data):
        path = tuple(error.absolute_path)
        if path:
            refused.add(path[0])
        elif error.validator == "additionalProperties":
            refused.update(set(error.instance) - set(error.schema.get("properties", {})))
    return {name: value for name, value in front.data.items() if name not in refused}


def _describe(error: jsonschema.ValidationError, front: FrontMatter, display: str, kind: str,
              page_words: str | None = None) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = _field_name(path) or "front-matter"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        field = _field_name(path + (missing,))
        line, column = front.position(path)
        # A rule between fields says why; else which page needs it.
        expected = error.schema.get("x-expected") or f"it for {page_words or f'a {kind!r} page'}"
        return [Problem(display, line, column, field, f"missing required field (expected {expected})")]
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        problems = []
        for extra in sorted(set(error.instance) - set(allowed)):
            line, column = front.position(path + (extra,), key=True)
            close = difflib.get_close_matches(extra, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
            problems.append(Problem(display, line, column, _field_name(path + (extra,)),
                                    f"unknown field ({hint})"))
        return problems
    line, column = front.position(path)
    what, expected = _explain(str(error.validator), error.validator_value, error.instance)
    return [Problem(display, line, column, name, f"{what} ({expected})")]


def _explain(validator: str, value: Any, instance: Any) -> tuple[str, str]:
    """(what is wrong, what was expected) for one failed schema keyword."""
    found = _shown(instance)
    if validator == "type":
        return f"wrong type: {found}", f"expected {_type_words(value)}"
    if validator == "format" and value == "date" and isinstance(instance, str):
        return meeting_dates.date_problem(instance)
    if validator == "uniqueItems":
        return "an item is repeated", "expected each item once"
    expected = {
        "format": f"expected {value}",
        "pattern": f"expected text matching {value}",
        "enum": f"expected one of: {', '.join(map(str, value)) if isinstance(value, list) else value}",
        "const": f"expected {value!r}",
        "minLength": f"expected at least {value} characters",
        "maxLength": f"expected at most {value} characters",
        "minItems": f"expected at least {value} item(s)",
        "minimum": f"expected at least {value}",
        "maximum": f"expected at most {value}",
    }.get(validator, "see scripts/report_site/front_matter.schema.yaml")
    return f"invalid value {found}", expected


def _type_words(value: Any) -> str:
    names = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "a mapping of fields", "null": "nothing (null)"}
    values = value if isinstance(value, list) else [value]
    return " or ".join(names.get(str(v), str(v)) for v in values)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "...'"


def metadata_schema() -> dict[str, Any]:
    """JSON Schema of site/metadata.json, derived from the front-matter schema.

    References are published resolved, as {id, title, url} objects, and each
    page gains its `url`.
    """
    resolved = {
        "type": "object",
        "required": ["id", "title", "url"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"}},
        "additionalProperties": False,
    }
    variants = []
    for kind in kinds():
        schema = copy.deepcopy(kind_schema(kind))
        del schema["$schema"]
        _resolve_refs_in_schema(schema, resolved)
        schema["properties"]["url"] = {"type": "string", "description": "Relative to the site root."}
        schema["required"] = schema["required"] + ["url"]
        for dropped in ("draft", "allow_contacts", "hide", "template", "search"):
            schema["properties"].pop(dropped, None)
        variants.append(schema)
    return {
        "$schema": declaration()["$schema"],
        "title": "Pages of the meeting-report site",
        "type": "object",
        "required": ["pages"],
        "properties": {"pages": {"type": "array", "items": {"oneOf": variants}}},
        "additionalProperties": False,
    }


def _resolve_refs_in_schema(schema: dict[str, Any], resolved: dict[str, Any]) -> None:
    for name, sub in schema.get("properties", {}).items():
        if "x-ref" in sub:
            schema["properties"][name] = {**resolved, "x-ref": sub["x-ref"]}
        else:
            _resolve_refs_in_schema(sub, resolved)
    items = schema.get("items")
    if isinstance(items, dict):
        if "x-ref" in items:
            schema["items"] = {**resolved, "x-ref": items["x-ref"]}
        else:
            _resolve_refs_in_schema(items, resolved)


# --- Translations --------------------------------------------------------

def translatable_fields(kind: str) -> list[tuple[str, ...]]:
    """Paths ('*' for list items) of the fields of a kind that a translation gives in its language."""
    return [path for path, _ in _marked_fields(kind, "x-translatable")]


def _translatable_part(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The part of a field's schema that a translation may give: the field
    itself if translatable, else the translatable parts of its items or
    properties (without their requirements: what is left out stays English)."""
    if spec.get("x-translatable"):
        return {key: value for key, value in spec.items() if key != "x-translatable"}
    if isinstance(spec.get("items"), dict):
        items = _translatable_part(spec["items"])
        return {"type": "array", "items": items} if items else None
    if "properties" in spec:
        kept = {name: part for name, sub in spec["properties"].items() if (part := _translatable_part(sub))}
        return {"type": "object", "additionalProperties": False, "properties": kept} if kept else None
    return None


@cache
def translation_schema(kind: str) -> dict[str, Any]:
    """The front-matter of a translation of a `kind` page: one closed JSON Schema."""
    declared = declaration()["translation"]
    properties = copy.deepcopy(declared["properties"])
    for name, spec in kind_schema(kind)["properties"].items():
        part = _translatable_part(spec)
        if part and name not in properties:
            properties[name] = part
    properties["kind"] = {"const": kind}
    closed = {
        "$schema": declaration()["$schema"],
        "title": f"Front-matter of a translation of a '{kind}' page",
        "type": "object",
        "required": list(declared["required"]),
        "properties": properties,
        "additionalProperties": False,
    }
    # Rules between the translation's own fields (a review says who and when).
    closed.update({key: copy.deepcopy(declared[key]) for key in ("if", "then") if key in declared})
    return closed


@cache
def _translation_validator(kind: str) -> jsonschema.protocols.Validator:
    schema = translation_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_translation(front: FrontMatter, display: str, kind: str) -> list[Problem]:
    """Every way a translation's fields depart from the schema for a
    translation of a `kind` page. A field that only other kinds translate
    says so: the translation is of a page of another kind than its author thought."""
    problems = []
    for error in _translation_validator(kind).iter_errors(front.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and not path:
            allowed = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed)):
                line, column = front.position((extra,), key=True)
                other_kinds = [k for k in kinds() if any(p[0] == extra for p in translatable_fields(k))]
                if other_kinds:
                    message = (f"a translation of a '{kind}' page has no {extra!r} (that field is translated on "
                               f"{', '.join(repr(k) for k in other_kinds)} pages; expected the fields of a '{kind}' page: "
                               f"{', '.join(allowed)})")
                else:
                    close = difflib.get_close_matches(extra, allowed, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
                    message = f"unknown field in a translation ({hint})"
                problems.append(Problem(display, line, column, extra, message))
        elif error.validator == "const" and path == ("kind",):
            line, column = front.position(path)
            problems.append(Problem(display, line, column, "kind",
                                    f"{error.instance!r}, but the page it translates is a '{kind}' page "
                                    f"(expected '{kind}', or no kind: it comes from the English page)"))
        else:
            problems.extend(_describe(error, front, display, kind, f"a translation of a '{kind}' page"))
    return problems
