"""The Celery app, configured from the top-level ``celeryconfig`` module."""

from __future__ import annotations

from celery import Celery

app = Celery("supercharger", include=["supercharger.tasks.jobs"])
app.config_from_object("celeryconfig")
