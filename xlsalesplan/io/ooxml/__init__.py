"""The package and its sheet XML: zip parts, relationships, cells, tables; and the compound file."""
