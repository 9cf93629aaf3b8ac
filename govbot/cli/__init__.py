"""The command line: thin glue over govbot.service. One module per group of commands."""
from govbot.cli.app import app
from govbot.cli import parse  # noqa: F401  (registers its commands)

__all__ = ["app"]
