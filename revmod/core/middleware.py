"""Server-Timing: how long a request took on the server and how many SQL queries it made.

Off unless SERVER_TIMING=true; the benchmark (``manage.py bench``) turns it on to read
both numbers from each response without instrumenting the client.
"""

from __future__ import annotations

import time

from django.db import connection


class ServerTimingMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f'app;dur={elapsed:.2f}, db;desc="queries";dur={queries}'
        return response
