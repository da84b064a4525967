"""Nianbao core: extraction, checks, review store and export. Never imports Qt."""

__version__ = "0.1.0"
