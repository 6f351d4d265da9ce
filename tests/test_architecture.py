"""The plugin's apps depend on each other one way only, and no import hides in a function.

Layers, lowest first: core lists <- forms <- calendar, panels, consultations, action plans
(siblings) <- grants, scrutiny, expenses <- outcomes, budget <- importers, dashboard <-
cms_site. An app may import its own modules and any app on a lower layer; nothing else.
The source is read, never imported, so a loop cannot hide behind the order in which Django
happens to load the apps.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent

# Longest prefix wins: involvement_pages.calendar is its own app inside involvement_pages.
APPS = {
    "involvement_pages": "core",
    "involvement_pages.calendar": "calendar",
    "involvement_pages.panels": "panels",
    "involvement_pages.grants": "grants",
    "involvement_pages.scrutiny": "scrutiny",
    "involvement_pages.action_plans": "action_plans",
    "involvement_pages.outcomes": "outcomes",
    "involvement_pages.consultations": "consultations",
    "involvement_pages.expenses": "expenses",
    "involvement_pages.budget": "budget",
    "involvement_pages.dashboard": "dashboard",
    "forms": "forms",
    "importers": "importers",
    "cms_site": "cms_site",
}
LAYERS = {
    "core": 0,
    "forms": 1,
    "calendar": 2,
    "panels": 2,
    "consultations": 2,
    "grants": 3,
    "scrutiny": 3,  # reviews belong to a panel
    "action_plans": 2,  # needs only the core lists (landlords)
    "outcomes": 4,
    "expenses": 3,
    "budget": 4,
    "importers": 5,
    "dashboard": 5,  # adds up every app's records
    "cms_site": 6,
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the module it names, resolved
    path: str
    line: int
    function: str  # the enclosing function, or "" at module level


def module_name(relative_path):
    parts = list(relative_path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def collect_modules(base, roots):
    """{module name: path} for every Python file under the given top-level packages."""
    modules = {}
    for root in roots:
        for path in sorted((base / root).rglob("*.py")):
            modules[module_name(path.relative_to(base))] = path
    return modules


def app_of(module, apps):
    owners = [prefix for prefix in apps if module == prefix or module.startswith(prefix + ".")]
    return apps[max(owners, key=len)] if owners else None


class _ImportVisitor(ast.NodeVisitor):
    def __init__(self, module, is_package, path, modules):
        self.module, self.path, self.modules = module, path, modules
        self.package = module if is_package else module.rpartition(".")[0]
        self.scope = []  # enclosing classes and functions, as (kind, name)
        self.found = []

    def _enter(self, kind, node):
        self.scope.append((kind, node.name))
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node):
        self._enter("class", node)

    def visit_FunctionDef(self, node):
        self._enter("function", node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _function(self):
        if not any(kind == "function" for kind, _ in self.scope):
            return ""
        return ".".join(name for _, name in self.scope)

    def _add(self, target, node):
        if target:
            self.found.append(Import(self.module, target, self.path, node.lineno, self._function()))

    def _resolve(self, name):
        """The longest known module that ``name`` starts with, if it is one of ours."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            candidate = ".".join(parts[:end])
            if candidate in self.modules:
                return candidate
        return None

    def visit_Import(self, node):
        for alias in node.names:
            self._add(self._resolve(alias.name), node)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module
        for alias in node.names:
            # ``from . import values`` names a module; ``from .models import Person`` does not.
            self._add(self._resolve(f"{source}.{alias.name}") or self._resolve(source), node)


def collect_imports(base, modules):
    imports = []
    for module, path in modules.items():
        visitor = _ImportVisitor(
            module, path.name == "__init__.py", str(path.relative_to(base)), modules
        )
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        imports.extend(visitor.found)
    return imports


def _allowed_in_function(found):
    # Django's documented place for imports that need the app registry: AppConfig.ready().
    return found.path.endswith("apps.py") and found.function.endswith(".ready")


def _cycles(edges):
    """Strongly connected groups of more than one module (or a module importing itself)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def architecture_problems(base, roots, apps, layers):
    """Every upward edge, in-function import and module cycle inside an app, in words."""
    modules = collect_modules(base, roots)
    imports = collect_imports(base, modules)
    problems = []
    same_app_edges = {}
    for found in imports:
        source_app, target_app = app_of(found.module, apps), app_of(found.target, apps)
        where = f"{found.path}:{found.line}"
        if found.function and not _allowed_in_function(found):
            problems.append(
                f"{where}: {found.module} imports {found.target} inside {found.function}(); "
                "move the import to the top of the module, or the shared piece to a module "
                "both can import"
            )
        if source_app == target_app:
            if found.target != found.module and not found.function:
                same_app_edges.setdefault(found.module, set()).add(found.target)
        elif layers[target_app] >= layers[source_app]:
            problems.append(
                f"{where}: {found.module} imports {found.target}, so {source_app} would "
                f"depend on {target_app}; {source_app} may only import apps below it"
            )
    for group in _cycles(same_app_edges):
        problems.append(f"import cycle inside {app_of(group[0], apps)}: {' -> '.join(group)}")
    return problems


def test_apps_import_one_way_without_hidden_imports():
    problems = architecture_problems(
        REPOSITORY, ["involvement_pages", "forms", "importers", "cms_site"], APPS, LAYERS
    )
    assert not problems, "\n".join(problems)


def test_checker_finds_upward_edges_hidden_imports_and_cycles(tmp_path):
    files = {
        "low/__init__.py": "",
        "low/a.py": "from high import thing\n",  # upward
        "low/b.py": "def later():\n    from . import c\n",  # hidden in a function
        "low/c.py": "from .d import x\n",
        "low/d.py": "from low import c\n",  # c <-> d
        "low/apps.py": "class LowConfig:\n    def ready(self):\n        from . import a\n",
        "high/__init__.py": "",
        "high/thing.py": "from low.c import x\nimport low.d\n",  # downward: fine
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)

    problems = architecture_problems(
        tmp_path, ["low", "high"], {"low": "low", "high": "high"}, {"low": 0, "high": 1}
    )

    assert problems == [
        "low/a.py:1: low.a imports high.thing, so low would depend on high; "
        "low may only import apps below it",
        "low/b.py:2: low.b imports low.c inside later(); move the import to the top of the "
        "module, or the shared piece to a module both can import",
        "import cycle inside low: low.c -> low.d",
    ]
