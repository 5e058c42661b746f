"""Doors: the places a plan workbook lives (a file on disk, a workbook open in Excel)."""
