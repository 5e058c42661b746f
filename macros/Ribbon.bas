Attribute VB_Name = "Ribbon"
' Ribbon callbacks of the "Sales plan" tab. Each button runs the same Python code path as the
' xlsalesplan command line, through xlwings RunPython (standalone: the xlwings module is in this
' workbook). Source stays ASCII; the workbook's texts come from Python.
Option Explicit

Private Sub Run(ByVal action As String)
    RunPython "import xlsalesplan.macros as m; m." & action & "()"
End Sub

Public Sub OnRefreshAll(control As IRibbonControl)
    Run "refresh_all"
End Sub

Public Sub OnRefreshSheet(control As IRibbonControl)
    Run "refresh_sheet"
End Sub

Public Sub OnCheckInputs(control As IRibbonControl)
    Run "check"
End Sub

Public Sub OnFreezeValues(control As IRibbonControl)
    Run "freeze_values"
End Sub

Public Sub OnNewPeriod(control As IRibbonControl)
    Run "new_period"
End Sub

Public Sub OnScenarios(control As IRibbonControl)
    Run "show_scenarios"
End Sub

Public Sub OnApprove(control As IRibbonControl)
    Run "approve"
End Sub

Public Sub OnHistory(control As IRibbonControl)
    Run "show_history"
End Sub

Public Sub OnHelp(control As IRibbonControl)
    Run "show_help"
End Sub
