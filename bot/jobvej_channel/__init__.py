"""Rasa input channel of the Jobvej portal (loaded by the Rasa server, not the action server)."""
