import CellUnits

// Foundation also declares `Unit` and `Dimension`; in this module the names mean CellUnits'.
typealias Unit = CellUnits.Unit
typealias Dimension = CellUnits.Dimension
