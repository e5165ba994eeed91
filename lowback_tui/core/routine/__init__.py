"""A routine: what it is (`model`), its file read safely and written (`file`), checked with a line
for every problem (`check`, `lines`), the phases it is done in (`plan`), the routines on disk
(`library`, `in_use`), quick adjustments written in place (`edits`) and the JSON Schema for
editors (`schema`). Nothing here knows of sessions, the course or the history.
"""
