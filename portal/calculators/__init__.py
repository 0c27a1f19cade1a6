"""Benefit calculator pages."""
