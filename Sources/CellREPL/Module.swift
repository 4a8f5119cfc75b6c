// CellREPL — see docs/architecture.md.
