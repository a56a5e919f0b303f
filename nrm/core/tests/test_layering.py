"""`core` is the ground floor: it imports no other NRM app (docs/development.md)."""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(settings.BASE_DIR) / "nrm" / "core"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_other_nrm_app():
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        if "tests" in path.relative_to(CORE).parts:
            continue
        for module in sorted(imported_modules(path)):
            if module.startswith("nrm.") and not module.startswith("nrm.core"):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {module}")
    assert offenders == []
