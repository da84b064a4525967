"""User settings: one small JSON file in the platform's config folder.

Only what the core needs lives here (the reviewer name that signs every audit
entry). Unknown keys are kept, so a newer Nianbao's settings survive an older
one. ``NIANBAO_CONFIG`` names another file (tests, portable installs).
"""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from app.errors import NianbaoError

ENV_VAR = "NIANBAO_CONFIG"


class SettingsError(NianbaoError):
    """The settings file exists but cannot be read or written."""


@dataclass
class Settings:
    reviewer: str | None = None  # signs audit entries; None: the OS user name
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    def to_json(self) -> dict[str, Any]:
        return {**self.extra, "reviewer": self.reviewer}


def config_path() -> Path:
    """Where the settings file lives (it need not exist)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return user_config_path("nianbao", appauthor=False) / "settings.json"


def load_settings(path: str | Path | None = None) -> Settings:
    """The saved settings, or the defaults when there is no file yet."""
    path = Path(path) if path is not None else config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as e:
        raise SettingsError(f"cannot read settings: {e.strerror}", path=path) from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SettingsError(
            f"settings are not valid JSON ({e.msg}); fix or delete the file", path=path
        ) from e
    if not isinstance(data, dict):
        raise SettingsError("settings must be a JSON object; fix or delete the file", path=path)
    reviewer = str(data.pop("reviewer", None) or "").strip()
    return Settings(reviewer=reviewer or None, extra=data)


def save_settings(settings: Settings, path: str | Path | None = None) -> Path:
    """Write the settings atomically (a crash leaves the old file or the new one)."""
    path = Path(path) if path is not None else config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(settings.to_json(), f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        raise SettingsError(f"cannot save settings: {e.strerror}", path=path) from e
    return path


def reviewer_name(settings: Settings | None = None) -> str:
    """The name that signs audit entries: the configured reviewer, else the OS user."""
    if settings is None:
        settings = load_settings()
    if settings.reviewer:
        return settings.reviewer
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"
