"""Database locations, engines, schema migrations, backups and checks (no Qt here)."""
