"""Issue 20, item 6: Swagger UI and Redoc render the API schema under the site's CSP, from our own files."""

from __future__ import annotations

import pytest

# Redoc's sidebar always shows its maker's logo from another origin; the policy refuses the
# image (no request leaves), so an image refusal is the one message expected.
IMAGE_REFUSED = "Loading the image "

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    ("path", "title"),
    [("/api/schema/swagger-ui/", ".swagger-ui .info .title"), ("/api/schema/redoc/", "h1")],
)
def test_the_api_docs_render_the_schema_without_errors(live_server, page, artifacts_dir, path, title):
    problems, other_origins = [], []
    ours = (live_server.url, "blob:", "data:")
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(  # what actually arrived from elsewhere (a refused request never does)
        "response",
        lambda response: response.url.startswith(ours) or other_origins.append(response.url),
    )

    page.goto(f"{live_server.url}{path}")

    heading = page.locator(title).first
    heading.wait_for()
    assert "REVMOD API" in heading.inner_text()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts_dir / f"api-docs-{path.strip('/').rsplit('/', 1)[-1]}.png"))
    assert [problem for problem in problems if not (problem.startswith(IMAGE_REFUSED) and "img-src" in problem)] == []
    assert other_origins == []
