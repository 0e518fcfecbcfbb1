"""Whether machine drafts are offered for a request: a provider is configured and reaches its language pair.

The provider's list of languages changes rarely, and the editor would otherwise ask for it on
every page: it is kept in the cache for an hour. When the provider cannot say (unreachable, a
wrong answer), drafts are not offered for a minute, and the editor simply has no button.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from revmod.core import machine_translation
from revmod.core.machine_translation import MachineTranslationError, Provider

KNOWN_FOR = 60 * 60
UNKNOWN_FOR = 60


def _key(provider: Provider) -> str:
    return "machine-translation:languages:" + hashlib.sha256(provider.url.encode()).hexdigest()[:16]


def provider_languages(provider: Provider) -> dict[str, set[str]]:
    """The provider's source → targets, from the cache when it was asked lately; {} when it cannot say."""
    key = _key(provider)
    known = cache.get(key)
    if known is not None:
        return {source: set(targets) for source, targets in known.items()}
    try:
        languages = provider.languages()
    except MachineTranslationError:
        cache.set(key, {}, UNKNOWN_FOR)
        return {}
    cache.set(key, {source: sorted(targets) for source, targets in languages.items()}, KNOWN_FOR)
    return languages


def drafting_provider(source: str, target: str) -> Provider | None:
    """The provider that drafts from ``source`` into ``target``, or None: no drafts are offered."""
    provider = machine_translation.provider()
    if provider is None or source == target:
        return None
    return provider if target in provider_languages(provider).get(source, set()) else None
