"""The plan's records: approved versions, the history of refreshes, the staff's proposals and
the team's publications — between the workbook (:mod:`xlsalesplan.io`) and the plan store
(:mod:`xlsalesplan.store`), which do not know each other.

:mod:`~xlsalesplan.records.history` records each refresh (a recorder handed to
:func:`xlsalesplan.io.refresh.refresh`), :mod:`~xlsalesplan.records.team` approves, publishes,
consolidates and shows the history, :mod:`~xlsalesplan.records.split` splits a plan into the
staff's workbooks and collects their proposals. The command line and the ribbon call these,
on the same code path, through any door.
"""
