"""The house rules of the one workflow mechanism, read from the code itself:

- nothing but `partnership.workflow` assigns a declared machine's stage field (no `x.stage = ...`, no
  `setattr(x, "stage", ...)`, no `.update(stage=...)` or `.create(stage=...)`) outside migrations;
- no view or admin class catches a service's error by hand: `partnership.errors.refusal_shown` does it.
"""

import ast
from pathlib import Path

from django.conf import settings

from partnership.workflow import machines

PRODUCT = ["partnership", "reviews", "cdop", "audits", "boards", "content", "bscp_portal"]
MECHANISM = {"partnership/workflow.py"}
# Fields of the same name that are not a stage machine: an email's delivery status (retries, not casework) and
# which of a deadline's reminders was sent (before, on or after the due date).
NOT_A_MACHINE = {("partnership/outbox.py", "status"), ("partnership/reminders.py", "stage")}
# The benchmark's scale data builds records at every stage in bulk, as a fixture; no person moves them.
SCALE_DATA = "scale.py"
SERVICE_ERRORS = {"ValidationError", "Refusal", "StaleEdit"}


def product_files():
    root = Path(settings.BASE_DIR)
    for app in PRODUCT:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" not in relative:
                yield relative, ast.parse(path.read_text(), filename=relative)


def stage_fields() -> set[str]:
    return {machine.field for machine in machines()}


def machine_models() -> set[str]:
    return {machine.model.split(".")[1] for machine in machines()}


def stage_writes(tree, fields, models=frozenset()):
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in fields:
                    yield node.lineno, part.attr
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) in fields:
                yield node.lineno, node.args[1].value
            if name in {"update", "create", "get_or_create", "update_or_create", "bulk_update", *models}:
                for keyword in node.keywords:
                    if keyword.arg in fields:
                        yield node.lineno, keyword.arg


def test_machines_are_declared():
    assert stage_fields(), "no stage machine is declared"


def test_nothing_but_the_mechanism_assigns_a_stage_field():
    fields, models = stage_fields(), machine_models()
    found = [
        f"{relative}:{line} sets .{field}"
        for relative, tree in product_files()
        if relative not in MECHANISM and not relative.endswith(SCALE_DATA)
        for line, field in stage_writes(tree, fields, models)
        if (relative, field) not in NOT_A_MACHINE
    ]
    assert not found, "stage fields change only through partnership.workflow.advance:\n" + "\n".join(found)


def test_no_view_or_admin_catches_a_service_error_by_hand():
    found = []
    for relative, tree in product_files():
        name = relative.rsplit("/", 1)[-1]
        if not (name.startswith("views") or name.startswith("admin")):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = {part.id for part in ast.walk(node.type) if isinstance(part, ast.Name)}
                caught |= {part.attr for part in ast.walk(node.type) if isinstance(part, ast.Attribute)}
                if caught & SERVICE_ERRORS:
                    found.append(f"{relative}:{node.lineno}")
    assert not found, "use partnership.errors.refusal_shown:\n" + "\n".join(found)
