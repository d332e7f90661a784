"""Where the local stack finds the project's SQL and keeps its state."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MIGRATIONS_DIR = PROJECT_ROOT / "supabase" / "migrations"
SEED_SQL = PROJECT_ROOT / "supabase" / "seed.sql"
COMPAT_SQL = PROJECT_ROOT / "sql" / "supabase_compat.sql"
REVOKE_API_DEFAULTS_SQL = PROJECT_ROOT / "sql" / "supabase_revoke_api_defaults.sql"
FUNCTIONS_MAIN = PROJECT_ROOT / "functions" / "main.py"


def state_dir() -> Path:
    """The project-local folder for the embedded database and the local JWT secret."""
    return Path(os.environ.get("SALESBOT_HOME") or PROJECT_ROOT / ".salesbot")
