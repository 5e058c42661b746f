"""``python -m xlsalesplan`` works like the ``xlsalesplan`` command."""

from xlsalesplan.cli import main

main()
