"""Validate located YAML data against the pydantic source model and map errors to file:line:col."""

from __future__ import annotations

import copy
import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from builder.check.diagnostics import Diagnostic
from builder.model.located import Located

_CODE_BY_TYPE = {
    "missing": "missing",
    "extra_forbidden": "unknown-key",
    "int_type": "type.int",
    "int_parsing": "type.int",
    "int_from_float": "type.int",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "string_type": "type.str",
    "bool_type": "type.bool",
    "bool_parsing": "type.bool",
    "list_type": "type.list",
    "dict_type": "type.mapping",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
    "date_type": "type.date",
    "date_parsing": "type.date",
    "date_from_datetime_parsing": "type.date",
    "date_from_datetime_inexact": "type.date",
    "literal_error": "choice",
    "too_short": "too-short",
    "too_long": "too-long",
    "greater_than": "range",
    "greater_than_equal": "range",
    "less_than": "range",
    "less_than_equal": "range",
    "union_tag_invalid": "quiz.type",
    "union_tag_not_found": "quiz.type",
    "string_too_long": "text.too-long",
}


def _describe(value: Any) -> str:
    """Show a bad input value briefly, the way the user wrote it."""
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error: dict, code: str) -> str:
    """Turn one pydantic error into a short, plain sentence."""
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    name = error["loc"][-1] if error["loc"] else ""
    if kind == "missing":
        return f"required field '{name}' is missing"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'"
    if code == "type.int":
        return f"expected a whole number, got {_describe(value)}"
    if code == "type.number":
        return f"expected a number, got {_describe(value)}"
    if code == "type.str":
        return f"expected text, got {_describe(value)}"
    if code == "type.bool":
        return f"expected true or false, got {_describe(value)}"
    if code == "type.list":
        return f"expected a list, got {_describe(value)}"
    if code == "type.mapping":
        return f"expected a mapping of 'key: value' lines, got {_describe(value)}"
    if code == "type.date":
        return f"{_describe(value)} is not a date (YYYY-MM-DD)"
    if kind == "literal_error":
        return f"{_describe(value)} is not one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} item(s), has {ctx.get('actual_length')}"
    if kind == "string_too_long":
        return f"the text has {len(value)} characters; at most {ctx.get('max_length')} are allowed here"
    if kind in ("union_tag_invalid",):
        return f"unknown question type {_describe(ctx.get('tag'))}"
    if kind in ("union_tag_not_found",):
        return "the quiz item has no 'type'"
    return error["msg"].removeprefix("Value error, ")


def _data_path(loc: tuple, data: Any) -> tuple:
    """Drop pydantic's union-tag parts from ``loc`` so it addresses the YAML data."""
    path: list = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part not in current:
            if current.get("type") == part:  # discriminator tag inserted by pydantic
                continue
            path.append(part)
            current = None
            continue
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path)


def _model_at(model: type[BaseModel], path: tuple, data: Any) -> type[BaseModel] | None:
    """Find the model class that validates the mapping at ``path`` (for key suggestions)."""
    current_model: Any = model
    current_data = data
    for part in path:
        if isinstance(part, int):
            current_data = current_data[part] if isinstance(current_data, list) else None
            continue
        field = getattr(current_model, "model_fields", {}).get(part)
        if field is None:
            return None
        current_model = _inner_model(field.annotation, current_data.get(part) if isinstance(current_data, dict) else None)
        current_data = current_data.get(part) if isinstance(current_data, dict) else None
    return current_model if isinstance(current_model, type) and issubclass(current_model, BaseModel) else None


def _inner_model(annotation: Any, value: Any) -> Any:
    """Unwrap list/Optional/Union/Annotated down to the model class for ``value``."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    candidates = [a for a in get_args(annotation) if a is not type(None)]
    item = value[0] if isinstance(value, list) and value else value
    for candidate in candidates:
        inner = _inner_model(candidate, item if candidate is not annotation else value)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            tag = item.get("type") if isinstance(item, dict) else None
            type_field = inner.model_fields.get("type")
            if tag and type_field is not None and tag not in get_args(type_field.annotation):
                continue
            return inner
    return None


def _suggest(model: type[BaseModel], data: Any, path: tuple) -> str:
    """Suggest the closest allowed key for an unknown key at ``path``."""
    parent = _model_at(model, path[:-1], data)
    if parent is None:
        return ""
    allowed = sorted(parent.model_fields)
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'? Allowed keys: {', '.join(allowed)}"
    return f"allowed keys: {', '.join(allowed)}"


def _delete(data: Any, path: tuple) -> None:
    """Remove the key at ``path`` from nested ``data``."""
    target = data
    for part in path[:-1]:
        target = target[part]
    target.pop(path[-1], None)


def validate(model: type[BaseModel], located: Located) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate ``located.data`` as ``model``; return the object (or None) and every diagnostic.

    Unknown keys are reported as warnings and removed before a second pass, so a misspelt
    optional key never hides the real errors.
    """
    data = located.data  # validating does not change it; copied before unknown keys are removed
    diagnostics: list[Diagnostic] = []
    for _attempt in range(2):
        try:
            return model.model_validate(data), diagnostics
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        unknown = [e for e in errors if e["type"] == "extra_forbidden"]
        for error in errors if not unknown else unknown:
            path = _data_path(error["loc"], data)
            code = _CODE_BY_TYPE.get(error["type"], error["type"])
            severity = "warning" if code == "unknown-key" else "error"
            hint = _suggest(model, located.data, path) if code == "unknown-key" else ""
            diagnostics.append(
                located.diagnostic(path, _message(error, code), code, severity, hint, prefer_key=code in ("unknown-key", "missing"))
            )
        if not unknown:
            return None, diagnostics
        data = copy.deepcopy(data)
        for error in unknown:
            _delete(data, _data_path(error["loc"], data))
    return None, diagnostics
