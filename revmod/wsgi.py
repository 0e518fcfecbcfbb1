"""WSGI entry point: plain HTTP only, for the set-up that serves sockets on separate ASGI workers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revmod.settings")
application = get_wsgi_application()

from revmod.process import settle_garbage_collector  # noqa: E402

settle_garbage_collector()
