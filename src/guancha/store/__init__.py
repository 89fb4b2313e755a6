"""All database access lives in this package: the connection and migrations (``db``) and one module of
queries per area. SQL stays portable (no SQLite-only syntax beyond ``INSERT ... ON CONFLICT``) so a
PostgreSQL backend can follow."""

from guancha.store.db import Database, content_key, utcnow

__all__ = ["Database", "content_key", "utcnow"]
