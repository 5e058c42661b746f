"""Bad inputs, reported cell by cell: what every command and button answers with.

Kept apart from the reading code so that the command line can catch it without loading it.
"""

from __future__ import annotations


class PlanProblems(Exception):
    """Bad inputs: one ``Sheet!Cell: reason`` line each. Nothing was written."""

    def __init__(self, path: object, lines: list[str]):
        self.path = path
        self.lines = lines
        super().__init__(f"{path}: {len(lines)} problem(s) in the inputs:\n" + "\n".join(lines))
