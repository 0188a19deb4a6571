"""Re-take README screenshots of dialogs on a small hand-built portfolio.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [NAME ...] [--out docs/images]

NAME is a file name below without .png (default: all of them):
- import-mapping: File ▸ Import… of a user's own risk log, the column mapping after Check
  (one bad likelihood listed);
- pmo-mode: Governance ▸ PMO operating mode… with Directive chosen over Controlling.

Everything runs in a temporary folder (database, settings, data folder): your own settings
and databases are never touched. Look at each PNG at full size before committing it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from pmo_desktop.models import Portfolio, Project
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database


def _wait(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"{path} ({widget.width()}×{widget.height()})")


def _portfolio(folder: Path) -> Database:
    database = open_database(folder / "screenshots.sqlite")
    portfolio = crud.create(
        database, Portfolio, name="Group IT", currency="EUR", as_of_date=date(2026, 3, 31)
    )
    for code, name in (("DW-01", "Laptop refresh"), ("CX-01", "Customer portal")):
        crud.create(database, Project, portfolio_id=portfolio.id, code=code, name=name)
    return database


def import_mapping(database: Database, folder: Path, out: Path) -> None:
    from openpyxl import Workbook

    from pmo_desktop.ui.main_window import MainWindow

    path = folder / "my risks.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Risk log"
    sheet.append(["Risk", "Likelihood", "Owner", "Remarks"])
    sheet.append(["Key supplier goes bankrupt", 4, "Ann", "watch"])
    sheet.append(["Data centre move slips", 7, "Bob", ""])
    book.save(path)
    window = MainWindow(database, remember_layout=False, watch_changes=False, daily_backup=False)
    try:
        window.interchange.start_import(window._interchange_context(), path)
        _wait(lambda: window.interchange.mapping is not None)
        dialog = window.interchange.mapping
        assert dialog is not None
        dialog.resize(920, 660)
        dialog.check_button.click()
        _wait(lambda: window.interchange.job is None and dialog.result.text() != "")
        _save(dialog, out / "import-mapping.png")
        dialog.reject()
    finally:
        window.close()
        window.deleteLater()


def pmo_mode(database: Database, _folder: Path, out: Path) -> None:
    from pmo_desktop.models import PmoMode
    from pmo_desktop.ui.governance.pmo_mode_dialog import PmoModeDialog
    from pmo_desktop.ui.workspace import Workspace

    portfolio_id = crud.list_rows(database, Portfolio)[0].id
    dialog = PmoModeDialog(Workspace(database), portfolio_id)
    dialog.show()
    dialog.choose(PmoMode.DIRECTIVE)
    _save(dialog, out / "pmo-mode.png")
    dialog.reject()


SHOTS: dict[str, Callable[[Database, Path, Path], None]] = {
    "import-mapping": import_mapping,
    "pmo-mode": pmo_mode,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SHOTS))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "images")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in SHOTS]
    if unknown:
        parser.error(f"unknown screenshot {unknown[0]!r}; known: {', '.join(SHOTS)}")
    with tempfile.TemporaryDirectory(prefix="pmo-shots-") as temporary:
        folder = Path(temporary)
        os.environ["PMO_DATA_DIR"] = str(folder / "data")
        os.environ["PMO_NO_DAILY_BACKUP"] = "1"
        app = QApplication.instance() or QApplication(sys.argv[:1])
        QCoreApplication.setOrganizationName("PMO Desktop screenshots")
        QCoreApplication.setApplicationName("PMO Desktop")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings")
        )
        QLocale.setDefault(QLocale("en_GB"))
        database = _portfolio(folder)
        try:
            for name in args.names or SHOTS:
                SHOTS[name](database, folder, args.out)
        finally:
            database.close()
        del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
