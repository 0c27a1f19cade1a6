"""Rasa tokenizer that normalises spelling and Danish benefit terms (jobvej_nlu.normalize).

Used in config.yml instead of WhitespaceTokenizer. It splits like WhitespaceTokenizer,
then replaces each token of the message text by its normalised form(s), so both
featurizers (words and character n-grams) and therefore training and prediction see
one spelling. Only the user's text is normalised; intents, actions and responses are
tokenized exactly as by WhitespaceTokenizer. The assistant extracts no entities with
Rasa, so the character offsets of a split token only need to stay inside the word.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from jobvej_nlu.normalize import normalize_tokens


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class JobvejTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer + spelling normalisation + Danish term lookup."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The WhitespaceTokenizer's options (no options of its own)."""
        return WhitespaceTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Whitespace tokens of ``attribute``; for the user's text, normalised."""
        tokens = super().tokenize(message, attribute)
        if attribute != TEXT:
            return tokens
        normalised: list[Token] = []
        for token in tokens:
            for text in normalize_tokens([token.text]):
                normalised.append(Token(text, token.start, token.end))
        return normalised or tokens
