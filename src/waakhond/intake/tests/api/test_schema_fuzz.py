"""The intake API fuzzed from its own OpenAPI schema: whatever comes in, never a server error.

Schemathesis reads /api/v1/openapi.json from the WSGI application and sends valid and invalid
requests (positive and negative generation); every response must be documented in the schema
and match it, and none may be a 5xx.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Requests go through the real WSGI handler, which closes database connections at the end
    of each request; inside a test transaction that would close the test's own connection.
    Django's test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.include(method="POST", path="/api/v1/complaints").parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_filing_a_complaint_never_gives_a_server_error(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.include(method="GET", path_regex="/complaints/").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_reading_a_status_never_gives_a_server_error(case):
    case.call_and_validate(checks=CHECKS)
