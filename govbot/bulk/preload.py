"""Imported once by the worker pool's fork server, before it forks any worker: the parser
and its spaCy pipeline are loaded there, so each worker (and each replacement for one
stopped by a limit) starts in milliseconds and shares those pages copy-on-write."""
try:
    from govbot.bulk.worker import warm_pipeline

    warm_pipeline()
except Exception:  # noqa: BLE001  the workers then load it themselves, and report what fails
    pass
