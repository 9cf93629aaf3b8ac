"""govbot: Cabinet decisions, delegations and obligations, tracked and recorded."""

__version__ = "0.1.0"
