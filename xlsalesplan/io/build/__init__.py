"""Building whole plan workbooks with XlsxWriter: templates, the demo, charts, validation."""
