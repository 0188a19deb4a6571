"""The application log: a rotating file in the user log folder (platformdirs).

The GUI's crash dialog and the About dialog point the user at this file; PMO_LOG_DIR
overrides the folder (tests, portable installs).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

APP_NAME = "pmo-desktop"
LOG_FILE_NAME = "pmo-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_directory() -> Path:
    """Where the log file lives: PMO_LOG_DIR, else the platform's user log folder."""
    override = os.environ.get("PMO_LOG_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def log_file_path(directory: Path | None = None) -> Path:
    return (directory or log_directory()) / LOG_FILE_NAME


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the `pmo_desktop` loggers to the rotating log file; returns its path.

    Calling it again moves the file handler (never duplicates it). Returns None, after a
    warning on stderr, when the folder cannot be created: the application still runs.
    """
    path = log_file_path(directory)
    logger = logging.getLogger("pmo_desktop")
    for handler in list(logger.handlers):
        if getattr(handler, "_pmo_log_file", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("No log file at %s: %s", path, exc)
        return None
    handler._pmo_log_file = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file set up by `setup_logging`, if any."""
    for handler in logging.getLogger("pmo_desktop").handlers:
        if getattr(handler, "_pmo_log_file", False) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
