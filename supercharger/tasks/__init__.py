"""Celery tasks, the coordinator and the local cluster: the only package that imports Celery."""
