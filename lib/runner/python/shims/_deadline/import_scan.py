"""The import scan: every import of a file with its line, parsed once per code text.

Optional imports are left out: inside a `try:` whose handlers catch ImportError,
ModuleNotFoundError, Exception or everything (and the fallbacks in those handlers), under
`if TYPE_CHECKING:`, and under an `if` that asks importlib.util.find_spec first. imports.py
decides what each import is.
"""

import ast

_OPTIONAL_HANDLERS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _catches_import_errors(handler):
    kind = handler.type
    if kind is None:
        return True
    kinds = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    for k in kinds:
        name = k.attr if isinstance(k, ast.Attribute) else getattr(k, "id", None)
        if name in _OPTIONAL_HANDLERS:
            return True
    return False


def _is_type_checking(test):
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _checks_availability(test):
    for node in ast.walk(test):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name == "find_spec":
                return True
    return False


class Scan:
    """What the file imports (module, line, level, star), and the names it uses but never binds
    (what `from modelled import *` must bring in)."""

    __slots__ = ("imports", "free_names", "tree", "_code")

    def __init__(self, tree):
        self.tree = tree
        self._code = None
        self.imports = []
        self._walk(tree.body, optional=False)
        self.imports.sort(key=lambda item: item[1])
        self.free_names = _free_names(tree) if any(item[3] for item in self.imports) else ()

    def compiled(self, filename):
        """The code object, compiled from the parsed tree once (a warm engine re-runs it)."""
        if self._code is None:
            self._code = compile(self.tree, filename, "exec", dont_inherit=True)
            self.tree = None
        return self._code

    def _walk(self, body, optional):
        for node in body:
            self._visit(node, optional)

    def _visit(self, node, optional):
        if isinstance(node, ast.Import):
            if not optional:
                for alias in node.names:
                    self.imports.append((alias.name, node.lineno, 0, False, ()))
            return
        if isinstance(node, ast.ImportFrom):
            if not optional:
                module = node.module or ""
                star = any(alias.name == "*" for alias in node.names)
                if node.level and not module:
                    # from . import helpers, utils: each name is a module of the package.
                    for alias in node.names:
                        self.imports.append((alias.name, node.lineno, node.level, False, ()))
                else:
                    self.imports.append((module, node.lineno, node.level, star, tuple(a.name for a in node.names)))
            return
        if isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            guarded = optional or any(_catches_import_errors(h) for h in node.handlers)
            self._walk(node.body, guarded)
            for handler in node.handlers:
                # A fallback import in the handler runs only when the guarded one failed.
                self._walk(handler.body, optional or guarded)
            self._walk(node.orelse, optional)
            self._walk(node.finalbody, optional)
            return
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            self._walk(node.orelse, optional)
            return
        if isinstance(node, ast.If) and _checks_availability(node.test):
            # `if importlib.util.find_spec("xformers"):` guards the import it holds.
            self._walk(node.body, True)
            self._walk(node.orelse, optional)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self._visit(child, optional)
            elif isinstance(child, ast.excepthandler):
                self._walk(child.body, optional)


def _free_names(tree):
    import builtins

    used, bound = set(), set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).partition(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            bound.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
    return tuple(sorted(used - bound))


_scans = {}
_MAX_SCANS = 32


def scan(code, filename):
    """The file's imports, parsed once per code text (a warm engine re-runs the same code).
    Raises SyntaxError as compile() would."""
    key = (code, filename)
    found = _scans.get(key)
    if found is None:
        found = Scan(ast.parse(code, filename))
        if len(_scans) >= _MAX_SCANS:
            _scans.pop(next(iter(_scans)))
        _scans[key] = found
    return found
