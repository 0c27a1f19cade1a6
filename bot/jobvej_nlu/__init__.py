"""Jobvej's own NLU pieces: spelling normalisation and Danish benefit terms (tokenizer)."""
