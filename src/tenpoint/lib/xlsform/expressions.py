"""The XLSForm expression language (the XPath subset ODK and KoBoToolbox use in `relevant`,
`constraint` and `calculation`), parsed once and evaluated against a dict of answers.

Pure Python. Supported: ${name} references, '.', string and number literals, = != < <= > >=,
and, or, + - * div mod, unary -, parentheses, and the functions selected(), count-selected(),
not(), string-length(), boolean(), true(), false(), today(), int(), number(), coalesce(),
if(), contains(), starts-with(), regex(). Evaluation also reports which answers were read, so
a flag can say which answers triggered it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Value = Any


class ExpressionError(ValueError):
    pass


_TOKEN = re.compile(r"""
    \s*(?:
      (?P<ref>\$\{[A-Za-z_][\w.\-]*\})
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<name>[A-Za-z_][\w\-]*(?:\(\s*\))?)
    | (?P<dot>\.)
    )""", re.VERBOSE)


@dataclass
class Token:
    kind: str
    text: str


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    stripped = text.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if not match or match.end() == position:
            raise ExpressionError(f"cannot read “{stripped[position:position + 12]}” in “{text}”")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "name" and value in ("and", "or", "div", "mod"):
            kind = "op"
        tokens.append(Token(kind, value))
        position = match.end()
    return tokens


Node = tuple[Any, ...]

_BINARY_PRECEDENCE = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4,
                      "+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}


class _Parser:
    def __init__(self, tokens: list[Token], text: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.text = text

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise ExpressionError(f"unexpected end of “{self.text}”")
        self.position += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise ExpressionError(f"expected “{text}” but found “{token.text}” in “{self.text}”")

    def parse(self, min_precedence: int = 0) -> Node:
        left = self.unary()
        while True:
            token = self.peek()
            if token is None or token.kind != "op" or token.text not in _BINARY_PRECEDENCE:
                return left
            precedence = _BINARY_PRECEDENCE[token.text]
            if precedence < min_precedence:
                return left
            self.take()
            right = self.parse(precedence + 1)
            left = ("binary", token.text, left, right)

    def unary(self) -> Node:
        token = self.take()
        if token.kind == "op" and token.text == "-":
            return ("neg", self.unary())
        if token.kind == "op" and token.text == "(":
            inner = self.parse()
            self.expect(")")
            return inner
        if token.kind == "ref":
            return ("ref", token.text[2:-1])
        if token.kind == "number":
            return ("literal", float(token.text) if "." in token.text else int(token.text))
        if token.kind == "string":
            return ("literal", token.text[1:-1])
        if token.kind == "dot":
            return ("self",)
        if token.kind == "name":
            name = token.text.replace(" ", "")
            if name.endswith("()"):
                return ("call", name[:-2], [])
            self.expect("(")
            arguments: list[Node] = []
            if self.peek() is not None and self.peek().text != ")":  # type: ignore[union-attr]
                arguments.append(self.parse())
                while self.peek() is not None and self.peek().text == ",":  # type: ignore[union-attr]
                    self.take()
                    arguments.append(self.parse())
            self.expect(")")
            return ("call", name, arguments)
        raise ExpressionError(f"unexpected “{token.text}” in “{self.text}”")


@dataclass(frozen=True)
class Expression:
    text: str
    tree: Node
    references: frozenset[str] = field(default_factory=frozenset)

    def evaluate(self, answers: Mapping[str, Value], current: Value = None) -> Value:
        return _evaluate(self.tree, answers, current)

    def is_true(self, answers: Mapping[str, Value], current: Value = None) -> bool:
        return _truthy(self.evaluate(answers, current))


def _references(node: Node) -> set[str]:
    kind = node[0]
    if kind == "ref":
        return {node[1]}
    if kind == "binary":
        return _references(node[2]) | _references(node[3])
    if kind == "neg":
        return _references(node[1])
    if kind == "call":
        found: set[str] = set()
        for argument in node[2]:
            found |= _references(argument)
        return found
    return set()


def parse(text: str) -> Expression:
    if not text or not text.strip():
        raise ExpressionError("empty expression")
    parser = _Parser(tokenize(text), text)
    tree = parser.parse()
    if parser.peek() is not None:
        raise ExpressionError(f"unexpected “{parser.peek().text}” in “{text}”")  # type: ignore[union-attr]
    return Expression(text, tree, frozenset(_references(tree)))


def _truthy(value: Value) -> bool:
    if isinstance(value, str):
        return value != ""
    if isinstance(value, (list, tuple, set)):
        return len(value) > 0
    return bool(value)


def _as_number(value: Value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.date):
        return float(value.toordinal())
    try:
        return float(str(value))
    except ValueError:
        return None


def _as_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator in ("=", "!="):
        left_number, right_number = _as_number(left), _as_number(right)
        if left_number is not None and right_number is not None and not (
                isinstance(left, str) and isinstance(right, str)):
            equal = left_number == right_number
        else:
            equal = _as_text(left) == _as_text(right)
        return equal if operator == "=" else not equal
    left_number, right_number = _as_number(left), _as_number(right)
    if left_number is None or right_number is None:
        return False  # an unanswered question is neither more nor less than anything
    return {"<": left_number < right_number, "<=": left_number <= right_number,
            ">": left_number > right_number, ">=": left_number >= right_number}[operator]


def _selected_values(value: Value) -> list[str]:
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return _as_text(value).split()


_FUNCTIONS: dict[str, Callable[..., Value]] = {
    "selected": lambda values, option: _as_text(option) in _selected_values(values),
    "count-selected": lambda values: len(_selected_values(values)),
    "not": lambda value: not _truthy(value),
    "string-length": lambda value: len(_as_text(value)),
    "boolean": _truthy,
    "true": lambda: True,
    "false": lambda: False,
    "today": lambda: dt.date.today(),  # noqa: DTZ011 - a form's today() is the device's local date
    "int": lambda value: int(_as_number(value) or 0),
    "number": lambda value: _as_number(value),
    "coalesce": lambda first, second: first if _truthy(first) else second,
    "if": lambda condition, yes, no: yes if _truthy(condition) else no,
    "contains": lambda haystack, needle: _as_text(needle) in _as_text(haystack),
    "starts-with": lambda text, prefix: _as_text(text).startswith(_as_text(prefix)),
    "regex": lambda text, pattern: re.fullmatch(_as_text(pattern), _as_text(text)) is not None,
}


def _evaluate(node: Node, answers: Mapping[str, Value], current: Value) -> Value:
    kind = node[0]
    if kind == "literal":
        return node[1]
    if kind == "ref":
        return answers.get(node[1])
    if kind == "self":
        return current
    if kind == "neg":
        number = _as_number(_evaluate(node[1], answers, current))
        return None if number is None else -number
    if kind == "call":
        function = _FUNCTIONS.get(node[1])
        if function is None:
            raise ExpressionError(f"unknown function {node[1]}()")
        return function(*(_evaluate(argument, answers, current) for argument in node[2]))
    operator, left_node, right_node = node[1], node[2], node[3]
    if operator == "and":
        return _truthy(_evaluate(left_node, answers, current)) and _truthy(_evaluate(right_node, answers, current))
    if operator == "or":
        return _truthy(_evaluate(left_node, answers, current)) or _truthy(_evaluate(right_node, answers, current))
    left = _evaluate(left_node, answers, current)
    right = _evaluate(right_node, answers, current)
    if operator in ("=", "!=", "<", "<=", ">", ">="):
        return _compare(operator, left, right)
    left_number, right_number = _as_number(left), _as_number(right)
    if left_number is None or right_number is None:
        return None
    if operator == "+":
        return left_number + right_number
    if operator == "-":
        return left_number - right_number
    if operator == "*":
        return left_number * right_number
    if right_number == 0:
        return None
    return left_number / right_number if operator == "div" else left_number % right_number
