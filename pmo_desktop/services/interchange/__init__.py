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
from pmo_desktop.services.interchange.log_import import ImportReport
from pmo_desktop.services.interchange.log_rows import RowError
from pmo_desktop.services.interchange.log_sheets import SHEET_CHOICES
from pmo_desktop.services.interchange.log_workbook import (
    RISK_COLUMNS,
    ImportOutcome,
    UserSheet,
    import_log_workbook,
    import_risks,
    import_workbook,
    read_user_sheet,
)

__all__ = [
    "RISK_COLUMNS",
    "SHEET_CHOICES",
    "ExportSummary",
    "ImportOutcome",
    "ImportReport",
    "ImportSummary",
    "RowError",
    "UserSheet",
    "WorkbookExportSummary",
    "WorkbookImportSummary",
    "export_excel",
    "export_mspdi",
    "export_mspdi_portfolio",
    "import_excel",
    "import_log_workbook",
    "import_mspdi",
    "import_risks",
    "import_workbook",
    "read_user_sheet",
]
