"""lowback's core: everything that is not drawing or reading keys, and never imports textual.

The routine format, the plan of a session, the session engine, the course rules, the history,
the settings and the words lowback says. Every front end (the Textual app, plain mode, the
command line) asks this package; ARCHITECTURE.md draws the layers.
"""
