"""podsift: a searchable, citable knowledge base from spoken-conversation transcripts."""

__version__ = "0.1.0"
