"""The WSGI entry point for gunicorn: the only module-level app."""

from service import create_app

app = create_app()
