"""The corpus store: SQLAlchemy engine and sessions (db), original files (blobs), documents and their
derived rows (repository), citation resolution (resolve), clerks' corrections (corrections)."""
