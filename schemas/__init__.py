"""marshmallow schemas of the HTTP API; they also generate openapi.yaml (see schemas.openapi)."""
