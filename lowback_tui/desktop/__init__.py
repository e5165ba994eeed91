"""lowback and the desktop around it, none of it drawing: the daily reminder through the system's
own scheduler and its notification, and keeping the screen awake during a session. Like audio/,
it never imports textual or rich, and runs other programs only through child_processes.py's rules
(a process group, a time limit, ended at exit)."""
