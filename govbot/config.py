"""The council's settings, read from `config.yaml`; secrets only from the environment.

`load_config()` finds the file at GOVBOT_CONFIG, else ./config.yaml, else the copy
shipped with the project. Every section has defaults so a bare config still works.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class _Section(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Person(_Section):
    title: str
    aliases: list[str] = Field(default_factory=list)
    name: str
    slack_user: Optional[str] = None
    email: Optional[str] = None


class DatabaseSettings(_Section):
    sqlite_path: str = "govbot.sqlite"


class Limits(_Section):
    max_file_mb: float = 50
    max_pages: int = 2000
    max_unzipped_mb: float = 200
    per_file_seconds: float = 120
    per_file_memory_mb: int = 1024


class Statutory(_Section):
    record_publication_working_days: int = 5
    call_in_working_days: int = 5
    key_decision_notice_clear_days: int = 28
    due_soon_days: int = 14


class ReminderPolicy(_Section):
    digest_time: str = "08:30"
    digest_times: dict[str, str] = Field(default_factory=dict)
    lead_days: list[int] = Field(default_factory=lambda: [14, 7, 1])
    escalate_overdue_days: int = 7
    weekly_summary: dict = Field(default_factory=lambda: {"day": "mon", "time": "09:00"})
    channels: list[str] = Field(default_factory=lambda: ["slack", "email"])
    retry_backoff_seconds: list[int] = Field(default_factory=lambda: [30, 120, 600, 3600])


class SlackSettings(_Section):
    governance_channel: str = "#governance"


class EmailSettings(_Section):
    from_: str = Field("govbot@example.gov.uk", alias="from")
    smtp_host: str = "localhost"
    smtp_port: int = 25


class RecordSettings(_Section):
    template: str = "templates/decision_record.docx"
    publish_dir: str = "published"


class Config(_Section):
    council: str = "Example County Council"
    timezone: str = "Europe/London"
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    limits: Limits = Field(default_factory=Limits)
    statutory: Statutory = Field(default_factory=Statutory)
    roles: list[Person] = Field(default_factory=list)
    governance_officers: list[str] = Field(default_factory=list)
    monitoring_officer: Optional[str] = None
    reminders: ReminderPolicy = Field(default_factory=ReminderPolicy)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    email: EmailSettings = Field(default_factory=EmailSettings)
    records: RecordSettings = Field(default_factory=RecordSettings)
    base_dir: Path = Field(default=Path("."), exclude=True)

    @property
    def database_url(self) -> str:
        """GOVBOT_DATABASE_URL wins; else the SQLite file, relative to the config file."""
        url = os.environ.get("GOVBOT_DATABASE_URL")
        if url:
            return url
        path = Path(self.database.sqlite_path)
        if not path.is_absolute():
            path = self.base_dir / path
        return f"sqlite:///{path}"

    def resolve_path(self, value: str) -> Path:
        """A path from the config: relative to the config file, else to the project."""
        path = Path(value)
        if path.is_absolute():
            return path
        for base in (self.base_dir, PROJECT_ROOT):
            if (base / path).exists():
                return base / path
        return self.base_dir / path


def load_config(path: str | os.PathLike | None = None) -> Config:
    candidates = [path, os.environ.get("GOVBOT_CONFIG"), "config.yaml", PROJECT_ROOT / "config.yaml"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            file = Path(candidate).resolve()
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            return Config(**data, base_dir=file.parent)
    return Config()


def secret(name: str) -> Optional[str]:
    """A secret from the environment (never from files in the repo, never logged)."""
    return os.environ.get(name) or None
