"""Translated content fields as ``{"fi": …, "sv": …, "en": …}`` in and out of the API."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGES},
        "additionalProperties": False,
    }
)
class TranslatedField(serializers.Field):
    """Reads ``<name>_fi``, ``<name>_sv``, ``<name>_en``; writes the languages given."""

    def __init__(self, required_languages=(), **kwargs):
        self.required_languages = tuple(required_languages)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.base_name = field_name

    def to_representation(self, instance):
        return {code: getattr(instance, f"{self.base_name}_{code}") or None for code in LANGUAGES}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError('Expected an object such as {"fi": "…", "en": "…"}.')
        unknown = sorted(set(data) - set(LANGUAGES))
        if unknown:
            raise serializers.ValidationError(f"Unknown language(s): {', '.join(unknown)}.")
        for code in self.required_languages:
            if not (data.get(code) or "").strip():
                raise serializers.ValidationError(f"The {code} text is required.")
        for code, text in data.items():
            if text is not None and not isinstance(text, str):
                raise serializers.ValidationError(f"{code}: expected text.")
        return {f"{self.base_name}_{code}": text or "" for code, text in data.items()}
