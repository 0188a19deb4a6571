"""File ▸ Import… and File ▸ Export…: Microsoft Project XML and Excel workbooks in the GUI."""
