"""The function wizard's help, registered by the workbook itself when it opens.

xlwings's "Import Functions" registers each function's description, category and argument
descriptions with ``Application.MacroOptions`` right after importing the wrappers. A workbook
shipped with prebuilt wrappers must do that itself: :func:`help_module` writes a standard
module whose ``RegisterFunctionHelp`` makes the same calls, and :func:`workbook_open_code` the
``ThisWorkbook`` code that runs it on open. The texts are those of one language, the
workbook's.

What the generated VBA takes care of:

* The source stays ASCII (see PROJECTCODEPAGE): a text that is not printable ASCII is written
  as its UTF-16 code units in hex and decoded at run time with ``ChrW`` by ``FromHex``.
  A text is assigned in chunks, a statement per line, so lines stay far below VBA's 1,023
  characters and need no line continuation (VBA allows 24 per statement).
* Registering marks the workbook as changed; ``ThisWorkbook.Saved`` is put back as it was, so
  opening the plan and closing it asks nothing.
* The open never fails: every error is ignored, function by function. ``Application`` is used
  late-bound, so Excel 2007, whose ``MacroOptions`` has no ``ArgumentDescriptions``, still
  compiles the module; before Excel 2010 (version 14) only the description is registered, as
  xlwings does.
* One procedure per function keeps each far from VBA's 64 kB procedure limit.

Examples
--------
>>> entry = WizardHelp("TWICE", "Doubles a number.", "plan", ["The number (×2)."])
>>> print(help_module([entry]).code.split("Private Sub Help_TWICE()")[1].split("End Sub")[0])
<BLANKLINE>
    Dim summary As String
    Dim arguments(0 To 0) As String
    summary = "Doubles a number."
    arguments(0) = FromHex("0054006800650020006E0075006D0062006500720020002800D700320029002E")
    Register "TWICE", summary, "plan", arguments
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from xlsalesplan.io.vba.modules import Module, check_identifier

HELP_MODULE = "FunctionHelp"
REGISTER = "RegisterFunctionHelp"
# Excel refuses a description or an argument description longer than this.
MAX_TEXT = 255
# Characters of text per statement: 4 hex digits each, so a line stays under 400 characters.
CHUNK = 80
_PLAIN = re.compile(r"[\x20-\x7e]*")


@dataclass(frozen=True)
class WizardHelp:
    """What the function wizard shows for one function.

    Parameters
    ----------
    name : str
        The Excel function, as its wrapper in ``xlwings_udfs`` is named.
    description : str
        One or two sentences, at most 255 characters.
    category : str
        The wizard's category, e.g. ``"xlsalesplan"``.
    arguments : sequence of str
        One description per argument, in order, each at most 255 characters.
    """

    name: str
    description: str
    category: str
    arguments: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check_identifier(self.name, "function name")
        object.__setattr__(self, "arguments", tuple(self.arguments))
        texts = [("description", self.description), ("category", self.category)]
        texts += [(f"argument {i + 1}", text) for i, text in enumerate(self.arguments)]
        for what, text in texts:
            if not isinstance(text, str):
                raise TypeError(f"{self.name}: {what} must be text, got {type(text).__name__}")
            if len(text) > MAX_TEXT:
                raise ValueError(
                    f"{self.name}: {what} has {len(text)} characters; Excel takes {MAX_TEXT}"
                )


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` with its whitespace runs made single spaces, cut at a word boundary to fit
    ``limit`` characters.

    >>> shorten("Splits a total   into parts.", 20)
    'Splits a total into'
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0]
    return cut if len(cut) <= limit else words[:limit]


def vba_text(text: str) -> str:
    """A VBA expression for ``text``: a string literal when it is printable ASCII, else
    ``FromHex("…")`` with its UTF-16 code units.

    >>> vba_text('Say "hi" now'), vba_text("План")
    ('"Say ""hi"" now"', 'FromHex("041F043B0430043D")')
    """
    if _PLAIN.fullmatch(text):
        return '"' + text.replace('"', '""') + '"'
    return 'FromHex("' + text.encode("utf-16-be").hex().upper() + '")'


def _assign(target: str, text: str) -> Iterator[str]:
    """Statements that set ``target`` to ``text``, a chunk per line."""
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    yield f"    {target} = {vba_text(chunks[0])}"
    for chunk in chunks[1:]:
        yield f"    {target} = {target} & {vba_text(chunk)}"


def _procedure(entry: WizardHelp) -> list[str]:
    lines = [f"Private Sub Help_{entry.name}()", "    Dim summary As String"]
    count = len(entry.arguments)
    if count:
        lines.append(f"    Dim arguments(0 To {count - 1}) As String")
    lines += _assign("summary", entry.description)
    for index, text in enumerate(entry.arguments):
        lines += _assign(f"arguments({index})", text)
    passed = "arguments" if count else "Empty"
    lines += [
        f'    Register "{entry.name}", summary, {vba_text(entry.category)}, {passed}',
        "End Sub",
        "",
    ]
    return lines


_HEADER = f"""\
' The function wizard's help for the functions of xlwings_udfs: what xlwings's "Import
' Functions" registers after importing them. Generated by xlsalesplan; ThisWorkbook's
' Workbook_Open runs {REGISTER}. Texts that are not plain ASCII are UTF-16 in hex.
Option Explicit

Public Sub {REGISTER}()
    Dim wasSaved As Boolean
    ' A function whose help cannot be registered is skipped: opening the plan never fails.
    On Error Resume Next
    wasSaved = ThisWorkbook.Saved
"""

_FOOTER = """\
    ' Registering marks the workbook as changed; the planner changed nothing.
    ThisWorkbook.Saved = wasSaved
End Sub

Private Sub Register(ByVal functionName As String, ByVal summary As String, _
        ByVal category As String, ByVal argumentTexts As Variant)
    Dim host As Object
    Dim macroName As String
    On Error Resume Next
    ' Late-bound: Excel 2007 has no ArgumentDescriptions and must still compile this module.
    Set host = Application
    macroName = "'" & Replace(ThisWorkbook.Name, "'", "''") & "'!" & functionName
    If Val(host.Version) < 14 Then
        host.MacroOptions Macro:=macroName, Description:=summary
    ElseIf IsArray(argumentTexts) Then
        host.MacroOptions Macro:=macroName, Description:=summary, HasMenu:=False, _
            HasShortcutKey:=False, Category:=category, ArgumentDescriptions:=argumentTexts
    Else
        host.MacroOptions Macro:=macroName, Description:=summary, HasMenu:=False, _
            HasShortcutKey:=False, Category:=category
    End If
End Sub

Private Function FromHex(ByVal hexText As String) As String
    ' Four hex digits per UTF-16 code unit; digits read one by one, so no locale is involved.
    Dim position As Long, digit As Long, unit As Long
    For position = 1 To Len(hexText) Step 4
        unit = 0
        For digit = position To position + 3
            unit = unit * 16 + InStr(1, "0123456789ABCDEF", Mid$(hexText, digit, 1)) - 1
        Next digit
        FromHex = FromHex & ChrW$(unit)
    Next position
End Function
"""


def help_module(entries: Sequence[WizardHelp], name: str = HELP_MODULE) -> Module:
    """The standard module that registers the wizard's help for ``entries``.

    Parameters
    ----------
    entries : sequence of WizardHelp
        One per function of ``xlwings_udfs``, in the workbook's language.
    name : str
        The module's name.

    Returns
    -------
    Module
        Its public ``RegisterFunctionHelp`` calls ``Application.MacroOptions`` once per
        entry, with the arguments xlwings's ``import_udfs`` passes.

    Raises
    ------
    ValueError
        If two entries name the same function.
    """
    names = [entry.name for entry in entries]
    if len({n.upper() for n in names}) != len(names):
        raise ValueError(f"help entries: a function comes twice in {names}")
    calls = "".join(f"    Help_{entry.name}\n" for entry in entries)
    procedures = [line for entry in entries for line in _procedure(entry)]
    return Module(name, _HEADER + calls + _FOOTER + "\n" + "\n".join(procedures))


def workbook_open_code(module: str = HELP_MODULE) -> str:
    """``ThisWorkbook``'s code: register the wizard's help when the workbook opens."""
    check_identifier(module, "module name")
    return f"Private Sub Workbook_Open()\n    {module}.{REGISTER}\nEnd Sub\n"
