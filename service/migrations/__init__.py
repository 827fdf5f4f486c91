"""Alembic migrations of the corpus store (env.py, versions/)."""
