"""The plan's domain: the input tables of a sales plan turned into its output tables.

Pure functions over :mod:`xlsalesplan.core`; nothing here knows about Excel or files.
:func:`compute` runs it all, :func:`check` validates inputs first, :func:`demo_inputs` gives
the example plan of the 30-offices company.
"""
