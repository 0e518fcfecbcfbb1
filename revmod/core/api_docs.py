"""Swagger UI and Redoc for the API schema, served from our own static files (drf-spectacular-sidecar).

Both follow the schema's access rule (SPECTACULAR_SETTINGS' SERVE_PERMISSIONS) and the site's
Content Security Policy: no inline script, no other origin. Swagger UI loads its settings as a
script of its own (the "split" view). Redoc writes its styles into <style> elements and searches
in a worker made from a blob, which its page alone allows; its scripts stay our own files.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

swagger_ui = SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="core/api_docs/swagger_ui.html")

redoc = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})(
    SpectacularRedocView.as_view(url_name="api-schema", template_name="core/api_docs/redoc.html")
)
