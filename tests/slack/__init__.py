"""Slack without Slack: a recording Web API stand-in, request signing, a loopback app."""
