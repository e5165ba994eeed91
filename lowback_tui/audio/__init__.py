"""The sounds and the voice of a session: the eyes-free front end, without textual."""
