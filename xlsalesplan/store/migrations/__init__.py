"""Alembic migrations of the plan store; :mod:`xlsalesplan.store.engine` runs them on open."""
