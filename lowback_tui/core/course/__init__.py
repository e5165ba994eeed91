"""The course rules, pure functions of a course's sessions: where the person is (`rules`, with
every care threshold and its source), how the pain is going (`trend`), one more rep
(`one_more_rep`), the calendar of days (`calendar`), the report (`report`), advice (`advice`),
what is offered before a session (`before_session`) and each day's ratings (`pain_days`).
They read rows the history gives back, never the store.
"""
