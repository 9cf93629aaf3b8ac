"""The command line: thin glue over govbot.service. One module per group of commands."""
from govbot.cli.app import app
from govbot.cli import parse  # noqa: F401  (registers its commands)
from govbot.cli import slack  # noqa: F401
from govbot.cli import register  # noqa: F401
from govbot.cli import timeline  # noqa: F401
from govbot.cli import bulk  # noqa: F401
from govbot.cli import records  # noqa: F401
from govbot.cli import remind  # noqa: F401

__all__ = ["app"]
