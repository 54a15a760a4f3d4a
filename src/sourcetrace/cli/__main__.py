"""``python -m sourcetrace.cli …`` runs the ``sourcetrace`` command."""

from sourcetrace.cli import main

main()
