"""Alembic revisions of the plan store, oldest first (``0001_initial`` is revision 1)."""
