"""The /govbot commands and button handlers over govbot.service (filled in as services land)."""
