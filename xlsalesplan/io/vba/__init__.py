"""Excel VBA projects (xl/vbaProject.bin) built from VBA source, and ribbon XML for workbooks."""
