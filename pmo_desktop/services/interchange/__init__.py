"""Microsoft Project XML (MSPDI) into and out of the database."""

from __future__ import annotations

from pmo_desktop.services.interchange.exporter import ExportSummary, export_mspdi
from pmo_desktop.services.interchange.importer import ImportSummary, import_mspdi

__all__ = ["ExportSummary", "ImportSummary", "export_mspdi", "import_mspdi"]
