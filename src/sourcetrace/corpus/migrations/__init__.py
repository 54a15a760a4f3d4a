"""Alembic migrations of the corpus schema; applied by :func:`sourcetrace.corpus.migrate`."""
