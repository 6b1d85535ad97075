"""The public intake API (filled in by the intake API module)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Waakhond", version="1", urls_namespace="api-v1", openapi_url="/openapi.json")
