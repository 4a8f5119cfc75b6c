// CellRuntime — see docs/architecture.md.
