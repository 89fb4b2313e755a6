"""JSON Schemas for structured output, and their llama.cpp-safe form.

A grammar built from a plain pydantic schema still lets a small model run away: unbounded strings and
arrays fill ``max_tokens`` and the JSON is cut; integer bounds are not enforceable in GBNF; and the stock
string rule admits raw control characters, which make JSON invalid. ``bounded_schema`` rewrites the schema
so every string has a ``maxLength``, every array a ``maxItems``, small integer ranges become enums, objects
list all their properties as required and forbid extra ones, and ``$ref``s are inlined. ``gbnf_for`` turns
that into a llama.cpp grammar (bounded ``x{m,n}`` repetition, at most one space between tokens, bounded
digit counts) whose string characters exclude control characters. The output is validated with pydantic
afterwards anyway.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

# JSON string characters: anything but a quote, a backslash, DEL or a control character; or the escapes
# \" \\ \/. Escapes that spell control characters (\n, \t, \u0000...) are left out on purpose: a string
# value never holds one. The model writes any other character (CJK included) directly.
SAFE_CHAR_RULE = r'char ::= [^"\\\x7F\x00-\x1F] | [\\] (["\\/])'

_DROP_KEYS = {"title", "default", "examples", "$defs", "definitions"}


@lru_cache(maxsize=512)
def output_schema(output_type: type[BaseModel]) -> dict[str, Any]:
    """The type's JSON Schema as pydantic writes it (what native structured-output APIs receive).

    Cached per type (building it costs more than the rest of a cached call); treat it as read-only.
    """
    return output_type.model_json_schema()


def schema_name(output_type: type[BaseModel]) -> str:
    """A name accepted by OpenAI-style ``json_schema`` response formats (letters, digits, _ and -)."""
    name = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in output_type.__name__)
    return name[:64] or "output"


def bounded_schema(
    output_type: type[BaseModel] | dict[str, Any],
    *,
    max_string_chars: int = 4000,
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


# Primitive rules. Whitespace is at most one space, so a model cannot run away in whitespace; numbers have
# bounded digit counts.
_PRIMITIVES: dict[str, str] = {
    "space": '" "?',
    "char": SAFE_CHAR_RULE.split(" ::= ", 1)[1],
    "integer": '"-"? ("0" | [1-9] [0-9]{0,15}) space',
    "number": '"-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})? space',
    "boolean": '("true" | "false") space',
    "null": '"null" space',
    "date": '[0-9]{4} "-" ("0" [1-9] | "1" [0-2]) "-" ("0" [1-9] | [12] [0-9] | "3" [01])',
    "time": '([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9] ":" [0-5] [0-9] ("." [0-9]{1,6})? '
    '("Z" | [+-] ([01] [0-9] | "2" [0-3]) ":" [0-5] [0-9])',
}
_DEPENDS = {"integer": ["space"], "number": ["space"], "boolean": ["space"], "null": ["space"]}
_FORMATS = {"date": "date", "time": "time", "date-time": 'date "T" time'}
MAX_KEY_CHARS = 64


def _literal(value: Any) -> str:
    """A GBNF string literal matching the JSON text of ``value`` exactly."""
    text = json.dumps(value, ensure_ascii=False)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _GrammarBuilder:
    """Writes GBNF for a bounded schema. Repetition uses llama.cpp's ``x{m,n}`` form: the nested-optional
    expansion other converters emit makes llama.cpp's grammar parser give up (and crash) on long strings."""

    def __init__(self, max_string_chars: int, max_items: int) -> None:
        self.rules: dict[str, str] = {}
        self.by_body: dict[str, str] = {}
        self.max_string_chars = max_string_chars
        self.max_items = max_items

    def primitive(self, name: str) -> str:
        if name not in self.rules:
            self.rules[name] = _PRIMITIVES[name]
            for dep in _DEPENDS.get(name, []):
                self.primitive(dep)
        return name

    def rule(self, hint: str, body: str) -> str:
        if body in self.by_body:
            return self.by_body[body]
        base = "".join(ch if ch.isalnum() else "-" for ch in hint.lower()).strip("-") or "r"
        name, n = base, 1
        while name in self.rules or name in _PRIMITIVES or name == "root":
            n += 1
            name = f"{base}-{n}"
        self.rules[name] = body
        self.by_body[body] = name
        return name

    def string(self, hint: str, min_len: int, max_len: int) -> str:
        self.primitive("space")
        char = self.primitive("char")
        return self.rule(hint, f'"\\"" {char}{{{min_len},{max_len}}} "\\"" space')

    def repeat(self, item: str, min_items: int, max_items: int, open_: str, close: str) -> str:
        self.primitive("space")
        if max_items <= 0:
            return f'"{open_}" space "{close}" space'
        rest = f'("," space {item})'
        if min_items <= 0:
            inner = f"({item} {rest}{{0,{max_items - 1}}})?" if max_items > 1 else f"({item})?"
        else:
            inner = f"{item} {rest}{{{min_items - 1},{max_items - 1}}}" if max_items > 1 else item
        return f'"{open_}" space {inner} "{close}" space'

    def visit(self, node: Any, hint: str) -> str:
        if node is True or node == {}:
            return self.any_value()
        if not isinstance(node, dict):
            raise ValueError(f"unsupported schema node at {hint}: {node!r}")
        if "const" in node:
            self.primitive("space")
            return self.rule(hint, f"{_literal(node['const'])} space")
        if "enum" in node:
            self.primitive("space")
            return self.rule(hint, "(" + " | ".join(_literal(v) for v in node["enum"]) + ") space")
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = [self.visit(sub, f"{hint}-{i}") for i, sub in enumerate(node[key])]
                return self.rule(hint, " | ".join(options))
        kind = node.get("type")
        if isinstance(kind, list):
            options = [self.visit({**node, "type": t}, f"{hint}-{t}") for t in kind]
            return self.rule(hint, " | ".join(options))
        if kind == "string":
            fmt = node.get("format")
            if fmt in _FORMATS:
                for dep in ("date", "time", "space"):
                    self.primitive(dep)
                return self.rule(hint, f'"\\"" {_FORMATS[fmt]} "\\"" space')
            max_len = int(node.get("maxLength", self.max_string_chars))
            return self.string(hint, min(int(node.get("minLength", 0)), max_len), max_len)
        if kind in ("integer", "number", "boolean", "null"):
            return self.primitive(kind)
        if kind == "array" or "items" in node or "prefixItems" in node:
            if "prefixItems" in node:
                self.primitive("space")
                parts = [self.visit(sub, f"{hint}-{i}") for i, sub in enumerate(node["prefixItems"])]
                return self.rule(hint, '"[" space ' + ' "," space '.join(parts) + ' "]" space')
            item = self.visit(node.get("items", {}), f"{hint}-item")
            max_items = int(node.get("maxItems", self.max_items))
            return self.rule(hint, self.repeat(item, int(node.get("minItems", 0)), max_items, "[", "]"))
        if kind == "object" or "properties" in node or "additionalProperties" in node:
            self.primitive("space")
            props = node.get("properties") or {}
            if props:
                pairs = []
                for name, sub in props.items():
                    value = self.visit(sub, f"{hint}-{name}" if hint != "root" else name)
                    pairs.append(f'{_literal(name)} space ":" space {value}')
                return self.rule(hint, '"{" space ' + ' "," space '.join(pairs) + ' "}" space')
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) or extra is True:
                value = self.visit(extra, f"{hint}-value")
                key = self.string(f"{hint}-key", 0, MAX_KEY_CHARS)
                pair = self.rule(f"{hint}-kv", f'{key} ":" space {value}')
                return self.rule(hint, self.repeat(pair, 0, self.max_items, "{", "}"))
            return self.rule(hint, '"{" space "}" space')
        raise ValueError(f"unsupported schema at {hint}: {json.dumps(node)[:200]}")

    def any_value(self) -> str:
        """Any JSON value, with bounded strings and sizes (depth is bounded by max_tokens)."""
        if "value" not in self.rules:
            self.rules["value"] = ""  # reserve the name: the rule refers to itself
            for dep in ("integer", "number", "boolean", "null"):
                self.primitive(dep)
            text = self.string("value-string", 0, self.max_string_chars)
            key = self.string("value-key", 0, MAX_KEY_CHARS)
            array = self.repeat("value", 0, self.max_items, "[", "]")
            obj = self.repeat(f'{key} ":" space value', 0, self.max_items, "{", "}")
            self.rules["value"] = f"{text} | number | boolean | null | {array} | {obj}"
        return "value"


def gbnf_for(schema: dict[str, Any], *, max_string_chars: int = 4000, max_items: int = 30) -> str:
    """A llama.cpp GBNF grammar for a bounded schema (``bounded_schema``), strings without control characters.

    The limits apply only where the schema has no bound of its own (free-form values, dict keys).
    """
    builder = _GrammarBuilder(max_string_chars, max_items)
    root = builder.visit(schema, "root")
    lines = [f"root ::= {root}"] + [f"{name} ::= {body}" for name, body in builder.rules.items()]
    return "\n".join(lines) + "\n"


def compact_json(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, non-ASCII kept (for cache keys and prompts)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


__all__ = ["SAFE_CHAR_RULE", "bounded_schema", "compact_json", "gbnf_for", "output_schema", "schema_name"]
