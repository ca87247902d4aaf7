"""Text out, no I/O: texts and templates, messages, tables, keyboards, the CSV export."""
