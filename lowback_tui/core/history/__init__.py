"""The history in SQLite: the file and its migrations (`file`), the writes (`store`), every read
through one set of row checks (`reads`, `checks`, `rows`), the course's days added up in SQL
(`days`, `day_totals`), the table a page at a time (`pages`) and as text, CSV or JSON (`text`).
Front ends never import it: they ask the Trainer.
"""
