"""Loaded by pytest before Django (see `addopts` in pyproject.toml): selects the test profile."""

import os

os.environ.setdefault("NRM_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")
