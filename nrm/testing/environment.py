"""Loaded by pytest before Django (see `addopts` in pyproject.toml): selects the test profile."""

import gc
import os

from nrm.cli import COLLECT_AFTER

os.environ.setdefault("NRM_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nrm.settings")

# A test process, like an `nrm` command, builds many objects and ends: collecting cycles
# every 10,000 allocations instead of 700 makes the suite about a tenth faster.
gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
