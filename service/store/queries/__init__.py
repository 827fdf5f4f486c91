"""The query layer: every read the API, the web UI and the CLI make, one module per resource, each
answering in the typed shapes of service/store/shapes.py and graph/shapes.py.

    documents   list (filters, sort, pages), one record with its corrections, the original file's facts
    jobs        list, one, counts by status
    keys        list, live count
    audit       list
    graph       lineage, duties, gaps of a document named by its number (graph/ holds their SQL)
    search      full-text search with the passage where the words occur

Lists take a filter (a frozen dataclass: add a field and its condition to filter on more), a `Paging`
and a sort name from the module's SORTS ("-" before it for descending): see lists.py. Route handlers
and pages call these and render; neither holds SQL. Writes stay with what they write:
store/repository.py (records, corrections), ingest.py (uploads), access.py and sessions.py (keys).
"""
