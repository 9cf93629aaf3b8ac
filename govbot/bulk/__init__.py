"""Bulk ingest of many minutes and reports: lazy walk, worker pools (local or Dask),
batched writes by one parent, progress and an error report. See govbot.service.bulk."""
from govbot.bulk.runner import BulkSummary, ErrorReport, Runner
from govbot.bulk.sources import Source, iter_sources

__all__ = ["BulkSummary", "ErrorReport", "Runner", "Source", "iter_sources"]
