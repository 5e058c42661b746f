"""The demo plans, ready-made by ``xlsalesplan build`` (see ``xlsalesplan.io.files``)."""
