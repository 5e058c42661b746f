"""Reading and writing workbooks: files on disk and workbooks open in Excel."""
