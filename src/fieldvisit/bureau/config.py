"""Bureau settings from the environment (FIELDVISIT_BUREAU_*) or an env file; a default secret only in development."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-not-for-production"
MIN_SECRET_LENGTH = 32


def default_data_dir() -> Path:
    """Where the embedded bureau keeps its SQLite database and attachments (the user data directory)."""
    from platformdirs import user_data_path

    return user_data_path("FieldVisitBureau", appauthor=False)


class Settings(BaseSettings):
    """Everything the bureau service needs to start. Outside development mode a real secret is required."""

    model_config = SettingsConfigDict(env_prefix="FIELDVISIT_BUREAU_", extra="ignore")

    development: bool = False
    database_url: str = ""
    data_dir: Path | None = None
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    access_token_seconds: int = Field(default=15 * 60, ge=10)
    refresh_token_days: int = Field(default=30, ge=1)
    password_time_cost: int = Field(default=3, ge=1)
    password_memory_kib: int = Field(default=64 * 1024, ge=16)
    max_request_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Self:
        secret = self.secret_key.get_secret_value()
        if not self.development and (secret == DEVELOPMENT_SECRET or len(secret) < MIN_SECRET_LENGTH):
            raise ValueError(
                f"FIELDVISIT_BUREAU_SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} "
                "characters outside development mode"
            )
        return self

    @property
    def resolved_data_dir(self) -> Path:
        """The data directory, defaulting to the user data directory."""
        return self.data_dir or default_data_dir()

    @property
    def resolved_database_url(self) -> str:
        """The database URL; the embedded default is SQLite in the data directory."""
        return self.database_url or f"sqlite:///{self.resolved_data_dir / 'bureau.db'}"

    @property
    def attachments_dir(self) -> Path:
        """Where attachment content is kept, by SHA-256."""
        return self.resolved_data_dir / "attachments"


def load_settings(env_file: Path | None = None, **overrides: object) -> Settings:
    """Settings from the environment, an optional env file, and explicit overrides (command-line options)."""
    given = {key: value for key, value in overrides.items() if value is not None}
    return Settings(_env_file=env_file, **given)  # type: ignore[call-arg]
