"""Officer decision records: drafted from a delegation, checked, signed off, published.

- model: the record as a view model (`ToComplete` marks what only the officer knows)
- checks: what reg. 13 (2012) / reg. 7 (2014) and the delegation require before signing
- workflow: drafted -> consultation confirmed -> signed -> published; amend; withdraw
- audit: the append-only, hash-chained log and its verification
- render: Word (docxtpl), Markdown and PDF, in a sandboxed Jinja environment
"""
