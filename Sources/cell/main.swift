print("cell: under construction")
