"""JSON Schemas for structured output, and their llama.cpp-safe form.

A grammar built from a plain pydantic schema still lets a small model run away: unbounded strings and
arrays fill ``max_tokens`` and the JSON is cut; integer bounds are not enforceable in GBNF; and the stock
string rule admits raw control characters, which make JSON invalid. ``bounded_schema`` rewrites the schema
so every string has a ``maxLength``, every array a ``maxItems``, small integer ranges become enums, objects
list all their properties as required and forbid extra ones, and ``$ref``s are inlined. ``gbnf_for`` turns
that into a llama.cpp grammar whose string characters exclude control characters. The output is validated
with pydantic afterwards anyway.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

# JSON string characters: anything but a quote, a backslash, DEL or a control character; or the escapes
# \" \\ \/. Escapes that spell control characters (\n, \t, \u0000...) are left out on purpose: a string
# value never holds one. The model writes any other character (CJK included) directly.
SAFE_CHAR_RULE = r'char ::= [^"\\\x7F\x00-\x1F] | [\\] (["\\/])'

_DROP_KEYS = {"title", "default", "examples", "$defs", "definitions"}


def output_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    """The type's JSON Schema as pydantic writes it (what native structured-output APIs receive)."""
    return output_type.model_json_schema()


def schema_name(output_type: type[BaseModel]) -> str:
    """A name accepted by OpenAI-style ``json_schema`` response formats (letters, digits, _ and -)."""
    name = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in output_type.__name__)
    return name[:64] or "output"


def bounded_schema(
    output_type: type[BaseModel] | dict[str, Any],
    *,
    max_string_chars: int = 2000,
    max_items: int = 30,
    enum_int_range: int = 101,
) -> dict[str, Any]:
    """The llama.cpp-safe form of a schema (see the module docstring). Raises ValueError on recursion."""
    schema = output_schema(output_type) if isinstance(output_type, type) else output_type
    defs: dict[str, Any] = dict(schema.get("$defs", {}) or {})
    defs.update(schema.get("definitions", {}) or {})

    def resolve(ref: str, stack: tuple[str, ...]) -> dict[str, Any]:
        name = ref.rsplit("/", 1)[-1]
        if not ref.startswith("#/") or name not in defs:
            raise ValueError(f"cannot resolve schema reference {ref!r}")
        if name in stack:
            raise ValueError(
                f"the output type is recursive through {name!r}; a bounded grammar needs a finite shape"
            )
        return visit(defs[name], (*stack, name))

    def visit(node: Any, stack: tuple[str, ...]) -> Any:
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            merged = resolve(node["$ref"], stack)
            extra = {k: v for k, v in node.items() if k not in {"$ref", *_DROP_KEYS}}
            return {**merged, **extra} if extra else merged
        out: Any = {k: v for k, v in node.items() if k not in _DROP_KEYS}
        if "allOf" in out and len(out["allOf"]) == 1:
            inner = visit(out.pop("allOf")[0], stack)
            out = {**inner, **out}
        for key in ("anyOf", "oneOf", "allOf"):
            if key in out:
                out[key] = [visit(s, stack) for s in out[key]]
        kind = out.get("type")
        if kind == "string" and not ({"enum", "const", "format", "pattern"} & out.keys()):
            out["maxLength"] = min(int(out.get("maxLength", max_string_chars)), max_string_chars)
            if "minLength" in out:
                out["minLength"] = min(int(out["minLength"]), out["maxLength"])
        elif kind == "integer" and "enum" not in out and "const" not in out:
            low, high = _int_bounds(out)
            if low is not None and high is not None and 0 <= high - low < enum_int_range:
                for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
                    out.pop(k, None)
                out.pop("type")
                out["enum"] = list(range(low, high + 1))
        elif kind == "array":
            if "items" in out:
                out["items"] = visit(out["items"], stack)
            if "prefixItems" in out:
                out["prefixItems"] = [visit(s, stack) for s in out["prefixItems"]]
            out["maxItems"] = min(int(out.get("maxItems", max_items)), max_items)
            if "minItems" in out:
                out["minItems"] = min(int(out["minItems"]), out["maxItems"])
        elif kind == "object" or "properties" in out:
            props = {name: visit(sub, stack) for name, sub in (out.get("properties") or {}).items()}
            out["properties"] = props
            out["required"] = list(props)
            extra = out.get("additionalProperties")
            if props or extra is None or extra is False:
                out["additionalProperties"] = False
            elif isinstance(extra, dict):
                out["additionalProperties"] = visit(extra, stack)  # dict[str, X]: keys free, values bounded
        return out

    result: dict[str, Any] = visit(schema, ())
    return result


def _int_bounds(node: dict[str, Any]) -> tuple[int | None, int | None]:
    low = node.get("minimum")
    if "exclusiveMinimum" in node:
        low = int(node["exclusiveMinimum"]) + 1
    high = node.get("maximum")
    if "exclusiveMaximum" in node:
        high = int(node["exclusiveMaximum"]) - 1
    return (int(low) if low is not None else None, int(high) if high is not None else None)


def gbnf_for(schema: dict[str, Any]) -> str:
    """A llama.cpp GBNF grammar for a (bounded) schema, with the control-character-free string rule."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    text = json_schema_to_gbnf(json.dumps(schema))
    lines = text.splitlines()
    replaced = False
    for i, line in enumerate(lines):
        if line.startswith("char ::= "):
            lines[i] = SAFE_CHAR_RULE
            replaced = True
    if not replaced and "char" in text.split():
        raise RuntimeError("llama.cpp grammar has no 'char' rule to replace; check llama-cpp-python version")
    return "\n".join(lines)


def compact_json(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, non-ASCII kept (for cache keys and prompts)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


__all__ = ["SAFE_CHAR_RULE", "bounded_schema", "compact_json", "gbnf_for", "output_schema", "schema_name"]
