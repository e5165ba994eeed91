"""One session as it runs: the engine on an injected clock (`engine`), what it leaves (`results`),
what is said and shown at each moment (`words`, `guidance`, `announcements`, `speech_time`,
`picture_moment`). No history, course rule or setting: `core/session_run.py` joins those to it.
"""
