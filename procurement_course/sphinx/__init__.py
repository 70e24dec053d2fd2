"""Sphinx glue: ``extensions: [procurement_course.sphinx]`` in ``_config.yml`` (or ``conf.py``)."""

from .extension import setup

__all__ = ["setup"]
