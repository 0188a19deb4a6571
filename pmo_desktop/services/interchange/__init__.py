"""Project files into and out of the database: Microsoft Project XML (MSPDI) and Excel."""

from __future__ import annotations

from pmo_desktop.services.interchange.excel import (
    WorkbookExportSummary,
    WorkbookImportSummary,
    export_excel,
    import_excel,
)
from pmo_desktop.services.interchange.exporter import (
    ExportSummary,
    export_mspdi,
    export_mspdi_portfolio,
)
from pmo_desktop.services.interchange.importer import ImportSummary, import_mspdi

__all__ = [
    "ExportSummary",
    "ImportSummary",
    "WorkbookExportSummary",
    "WorkbookImportSummary",
    "export_excel",
    "export_mspdi",
    "export_mspdi_portfolio",
    "import_excel",
    "import_mspdi",
]
