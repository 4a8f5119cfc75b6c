// CellOutput — see docs/architecture.md.
