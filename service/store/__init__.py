"""The corpus store: SQLAlchemy engine and sessions (db), original files (blobs), documents and their
derived rows (repository), citation resolution (resolve), clerks' corrections (corrections), full-text
search (search); every read of the service (queries/) and the types it answers in (shapes)."""
