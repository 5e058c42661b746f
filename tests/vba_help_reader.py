"""Read the wizard-help module's VBA as VBA would run it, without our generator's code.

:func:`registrations` follows ``RegisterFunctionHelp``: the ``Help_*`` procedures it calls, in
order, and in each the statements that build the texts (string literals with doubled quotes,
or ``FromHex("…")`` decoded here as UTF-16 code units) and the ``Register`` call they end with.
Any statement it does not understand fails the reading, so a change of the VBA's shape shows.
"""

from __future__ import annotations

import re

_LITERAL = r'"(?:[^"]|"")*"'
_EXPRESSION = re.compile(rf'^(?:(?P<literal>{_LITERAL})|FromHex\("(?P<hex>[0-9A-F]*)"\))$')
_PROCEDURE = re.compile(r"^(?:Public|Private) (Sub|Function) (\w+)\(.*?^End \1$", re.M | re.S)
_ASSIGN = re.compile(r"^(summary|arguments\((\d+)\)) = (?:\1 & )?(.+)$")
_REGISTER = re.compile(rf"^Register ({_LITERAL}), summary, (.+), (arguments|Empty)$")


def statements(code: str) -> list[str]:
    """Logical lines: continuations (`` _`` at a line's end) joined, comments and blanks gone."""
    text = re.sub(r" _\r?\n\s*", " ", code.replace("\r\n", "\n"))
    return [
        line.strip()
        for line in text.split("\n")
        if line.strip() and not line.strip().startswith("'")
    ]


def value(expression: str) -> str:
    """The string a VBA text expression of the help module evaluates to."""
    match = _EXPRESSION.match(expression)
    if not match:
        raise ValueError(f"not a text expression: {expression[:80]}")
    if match.group("literal") is not None:
        return match.group("literal")[1:-1].replace('""', '"')
    return bytes.fromhex(match.group("hex")).decode("utf-16-be")


def procedures(code: str) -> dict[str, str]:
    """Each Sub/Function of a module by name: its whole text."""
    return {
        match.group(2): match.group(0) for match in _PROCEDURE.finditer(code.replace("\r\n", "\n"))
    }


def _registration(body: str) -> dict:
    texts: dict[str, str] = {}
    registered = None
    dims: list[str] = []
    for line in statements(body)[1:-1]:
        if line.startswith("Dim "):
            dims.append(line)
        elif match := _ASSIGN.match(line):
            target = match.group(1)
            continued = f"{target} = {target} & " in line
            if continued != (target in texts):
                raise ValueError(f"text assigned out of order: {line[:80]}")
            texts[target] = texts.get(target, "") + value(match.group(3))
        elif match := _REGISTER.match(line):
            count = len([key for key in texts if key.startswith("arguments(")])
            registered = {
                "function": value(match.group(1)),
                "description": texts.get("summary", ""),
                "category": value(match.group(2)),
                "arguments": [texts[f"arguments({i})"] for i in range(count)]
                if match.group(3) == "arguments"
                else None,
            }
        else:
            raise ValueError(f"unexpected statement: {line[:80]}")
    if registered is None:
        raise ValueError("no Register call")
    return registered


def registrations(code: str) -> list[dict]:
    """What ``RegisterFunctionHelp`` registers, one dict per ``Register`` call, in order:
    ``function``, ``description``, ``category``, ``arguments`` (None when passed ``Empty``)."""
    found = procedures(code)
    calls = [
        line
        for line in statements(found["RegisterFunctionHelp"])[1:-1]
        if not line.startswith(("Dim ", "On Error", "wasSaved =", "ThisWorkbook.Saved ="))
    ]
    return [_registration(found[call]) for call in calls]


def macro_options_calls(code: str) -> list[dict[str, str]]:
    """The named arguments of each ``host.MacroOptions`` statement of ``Register``."""
    calls = []
    for line in statements(procedures(code)["Register"]):
        if line.startswith("host.MacroOptions "):
            pairs = line[len("host.MacroOptions ") :].split(", ")
            calls.append(dict(pair.split(":=", 1) for pair in pairs))
    return calls
