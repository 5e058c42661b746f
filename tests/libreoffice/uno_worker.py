"""The LibreOffice side of :class:`libreoffice.session.UnoSession`.

Runs under Debian's ``/usr/bin/python3`` (the only Python here that can ``import uno``), never
inside the package's own interpreter. It connects to one soffice listening on a localhost port
and answers JSON requests, one per line on stdin, with one JSON line on stdout::

    {"id": 1, "op": "read", "path": "/tmp/plan.xlsx", "recalc": true}
    {"id": 1, "ok": true, "result": {"sheets": [["Plan", [[[1.0, null], ...]]]]}}

A cell travels as ``[value, formula]``: value is a number, text, ``true``/``false``, ``null``
(empty) or ``{"e": "#NAME?"}`` (an error); formula is ``null`` or LibreOffice's API text of it.

Usage: ``/usr/bin/python3 uno_worker.py PORT CONNECT_TIMEOUT_SECONDS``
"""

import json
import os
import sys
import time
import traceback

import uno
from com.sun.star.beans import PropertyValue

# com.sun.star constants, spelt out so the worker needs no constant lookups over the bridge.
FORMULA_CELLS = 16  # sheet.CellFlags.FORMULA
ERROR_RESULTS = 4  # sheet.FormulaResult.ERROR
BOOLEAN_FORMAT = 1024  # util.NumberFormat.LOGICAL
NEVER_EXECUTE = 0  # document.MacroExecMode
ALWAYS_EXECUTE_NO_WARN = 4
NO_UPDATE = 0  # document.UpdateDocMode


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(port, timeout):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(url)
            break
        except Exception:
            # soffice opens its port a moment after the process starts.
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def load(desktop, path, macros=False):
    # Hidden=True is not optional: LibreOffice 7.4 aborts loading a spreadsheet without it.
    props = (
        prop("Hidden", True),
        prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN if macros else NEVER_EXECUTE),
        prop("UpdateDocMode", NO_UPDATE),
    )
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, props)
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def addresses(ranges):
    """(row, column) of every cell in an XSheetCellRanges."""
    for a in ranges.getRangeAddresses():
        for r in range(a.StartRow, a.EndRow + 1):
            for c in range(a.StartColumn, a.EndColumn + 1):
                yield r, c


def boolean_cells(doc, area):
    """Cells formatted as TRUE/FALSE: LibreOffice keeps booleans as numbers with that format."""
    formats = doc.getNumberFormats()
    found = set()
    blocks = area.getCellFormatRanges()
    for i in range(blocks.getCount()):
        block = blocks.getByIndex(i)
        if formats.getByKey(block.NumberFormat).Type & BOOLEAN_FORMAT:
            a = block.getRangeAddress()
            for r in range(a.StartRow, a.EndRow + 1):
                for c in range(a.StartColumn, a.EndColumn + 1):
                    found.add((r, c))
    return found


def read_sheet(doc, sheet):
    """Rows of [value, formula] from A1 to the end of the used area, read in bulk."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    area = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    values = [list(row) for row in area.getDataArray()]
    formulas = area.getFormulaArray()
    for r, c in boolean_cells(doc, area):
        if isinstance(values[r][c], float):
            values[r][c] = values[r][c] != 0
    # getDataArray gives None for an error result; the cell's text is the error code.
    for r, c in addresses(area.queryFormulaCells(ERROR_RESULTS)):
        values[r][c] = {"e": sheet.getCellByPosition(c, r).getString()}
    is_formula = set(addresses(area.queryContentCells(FORMULA_CELLS)))
    return [
        [
            [
                None if v == "" and (r, c) not in is_formula else v,
                formulas[r][c] if (r, c) in is_formula else None,
            ]
            for c, v in enumerate(row)
        ]
        for r, row in enumerate(values)
    ]


def read(desktop, path, recalc):
    doc = load(desktop, path)
    try:
        if recalc:
            doc.calculateAll()
        sheets = doc.getSheets()
        return {
            "sheets": [
                [sheets.getByIndex(i).getName(), read_sheet(doc, sheets.getByIndex(i))]
                for i in range(sheets.getCount())
            ]
        }
    finally:
        doc.close(True)


def store(doc, out, filter_name):
    url = uno.systemPathToFileUrl(os.path.abspath(out))
    doc.storeToURL(url, (prop("FilterName", filter_name), prop("Overwrite", True)))


def save_as(desktop, path, out, filter_name, recalc):
    doc = load(desktop, path)
    try:
        if recalc:
            doc.calculateAll()
        store(doc, out, filter_name)
        return {"saved": out}
    finally:
        doc.close(True)


def _range(sheet, ref):
    return sheet.getCellRangeByName(ref).getRangeAddress()


def apply(doc, step):
    """One edit as a planner makes it in a spreadsheet; references follow as the engine moves
    them (formulas, names, tables, validation, conditional formats)."""
    from com.sun.star.sheet.CellInsertMode import DOWN

    sheets = doc.getSheets()
    kind = step["do"]
    if kind == "add_sheet":
        sheets.insertNewByName(step["name"], sheets.getCount())
        return
    if kind == "rename_sheet":
        sheets.getByName(step["sheet"]).setName(step["name"])
        return
    sheet = sheets.getByName(step["sheet"])
    if kind == "insert_rows":
        sheet.getRows().insertByIndex(step["at"], step["count"])
    elif kind == "insert_cells_down":
        sheet.insertCells(_range(sheet, step["range"]), DOWN)
    elif kind == "move_range":
        target = sheet.getCellRangeByName(step["to"]).getCellAddress()
        sheet.moveRange(target, _range(sheet, step["range"]))
    elif kind == "sort":  # Data › Sort, by one column of the range (its first row a header)
        field = uno.createUnoStruct("com.sun.star.table.TableSortField")
        field.Field, field.IsAscending = step["column"], not step.get("descending", False)
        fields = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        how = (prop("ContainsHeader", True), prop("SortFields", fields))
        uno.invoke(sheet.getCellRangeByName(step["range"]), "sort", (how,))
    elif kind == "filter":  # Data › Filter: keep the rows whose column equals a text
        cells = sheet.getCellRangeByName(step["range"])
        field = uno.createUnoStruct("com.sun.star.sheet.TableFilterField")
        field.Field, field.IsNumeric, field.StringValue = step["column"], False, step["equals"]
        field.Operator = uno.Enum("com.sun.star.sheet.FilterOperator", "EQUAL")
        rule = cells.createFilterDescriptor(True)
        rule.ContainsHeader = True
        rule.setFilterFields((field,))
        cells.filter(rule)
    elif kind == "set":
        cell = sheet.getCellRangeByName(step["cell"])
        value = step["value"]
        if isinstance(value, str) and value.startswith("="):
            cell.setFormula(value)
        elif isinstance(value, str):
            cell.setString(value)
        else:
            cell.setValue(value)
    else:
        raise ValueError(f"unknown edit {kind!r}")


def edit(desktop, path, steps, out, filter_name):
    doc = load(desktop, path)
    try:
        for step in steps:
            apply(doc, step)
        store(doc, out, filter_name)
        return {"saved": out}
    finally:
        doc.close(True)


def plain(value):
    """A macro's return value as JSON can carry it (UNO hands back tuples and odd types)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return str(value)


def run_macro(desktop, path, macro, save_to, filter_name):
    doc = load(desktop, path, macros=True)
    try:
        url = f"vnd.sun.star.script:VBAProject.{macro}?language=Basic&location=document"
        script = doc.getScriptProvider().getScript(url)
        result = script.invoke((), (), ())[0]
        if save_to:
            # ThisWorkbook.Save inside a macro never reaches the disk under LibreOffice.
            store(doc, save_to, filter_name)
        return {"result": plain(result)}
    finally:
        doc.close(True)


def handle(desktop, request):
    op = request["op"]
    if op == "ping":
        return "pong"
    if op == "read":
        return read(desktop, request["path"], request["recalc"])
    if op == "save_as":
        return save_as(
            desktop, request["path"], request["out"], request["filter"], request["recalc"]
        )
    if op == "edit":
        return edit(desktop, request["path"], request["steps"], request["out"], request["filter"])
    if op == "run_macro":
        return run_macro(
            desktop, request["path"], request["macro"], request["save_to"], request["filter"]
        )
    raise ValueError(f"unknown request {op!r}")


def main():
    port, timeout = int(sys.argv[1]), float(sys.argv[2])
    # Anything LibreOffice or a library prints must not corrupt the JSON channel.
    channel = sys.stdout
    channel.reconfigure(encoding="utf-8")
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout = sys.stderr
    desktop = connect(port, timeout)
    channel.write(json.dumps({"id": 0, "ok": True, "result": "ready"}) + "\n")
    channel.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"id": request["id"], "ok": True, "result": handle(desktop, request)}
        except Exception as exc:
            reply = {
                "id": request["id"],
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(),
            }
        channel.write(json.dumps(reply, ensure_ascii=False) + "\n")
        channel.flush()


if __name__ == "__main__":
    main()
