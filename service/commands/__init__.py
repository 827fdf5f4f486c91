"""The CLI's commands, one module per group; service/cli.py assembles them (nothing registers itself).

extract.py   vanban extract
corpus.py    vanban ingest, lineage, duties, gaps, graph export
server.py    vanban serve, keys create|list|revoke
"""
