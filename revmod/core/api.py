"""What every app's JSON API shares: the request parser and the rate limits (see REST_FRAMEWORK)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers, throttling
from rest_framework.exceptions import ParseError

from revmod.core.addresses import client_address


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 rather than 500 to a document nested too deeply to read.

    Python's json module recurses once per level, so a body of 50,000 ``[`` exhausts the stack.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from error


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous calls counted per client address, read as the rest of the product reads it."""

    def get_ident(self, request) -> str:
        return client_address(request) or "unknown"


class UserRateThrottle(throttling.UserRateThrottle):
    """Calls counted per person (per client address before signing in)."""

    def get_ident(self, request) -> str:
        return client_address(request) or "unknown"
