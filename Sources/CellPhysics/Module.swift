// CellPhysics — see docs/architecture.md.
