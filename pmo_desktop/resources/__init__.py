"""Package data shipped with the application: compiled translations (.qm) and icons."""
