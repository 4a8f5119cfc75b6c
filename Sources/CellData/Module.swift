// CellData — see docs/architecture.md.
