"""URL parts of bulletin pages: a period, a language, a format (anything else is a 404)."""

from __future__ import annotations

from django.urls import register_converter


class PeriodConverter:
    regex = r"\d{4}(?:-H[12])?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class LanguageConverter(PeriodConverter):
    regex = r"en|bs|hr|sr|sr-latn"


class FormatConverter(PeriodConverter):
    regex = r"html|docx|pdf"


register_converter(PeriodConverter, "period")
register_converter(LanguageConverter, "lang")
register_converter(FormatConverter, "fmt")
