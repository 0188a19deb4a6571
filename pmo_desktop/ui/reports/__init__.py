"""Reports in the GUI: the board pack dialog, the project status report and the Excel table."""
