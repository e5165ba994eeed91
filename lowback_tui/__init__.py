"""lowback: a full-screen terminal trainer for a short daily lower-back routine."""

__version__ = "0.1.0"
