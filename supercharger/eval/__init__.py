"""Checking delivered code against tests the pipeline never saw (in the sandbox)."""
