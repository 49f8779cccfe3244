"""Go's race detector (``-race``) for goconc programs: ``run(main, race=True)``.

Three parts, all installed only while a program with ``race=True`` (or
``preempt=True``) runs, and removed when it ends: nothing here runs otherwise.

1. **Watching accesses.** The user's code (not goconc's, not the standard
   library's or site-packages') is compiled again through an AST rewrite, once
   per file: every read and write of a module global, a closure variable, an
   object attribute or a list/dict/bytearray item, every call of a mutating
   container method (``append``, ``pop``, ``update``, ``add``, ...), and
   ``len``/``in``/iteration of a container become calls of a few helpers that
   Python finds as builtins (``__gr_*__``), so a function's free variables do
   not change and its ``__code__`` can be swapped for the watched one. At the
   end of the program every swapped ``__code__`` is put back.
2. **Happens-before.** A vector clock per goroutine and per synchronising
   object, with the edges of the Go memory model, taken where Go's own race
   runtime takes them: the channel edges from the runtime's event hook (the
   one ``goconc.trace`` uses: a send and the receive that takes its value,
   the k-th receive and the (k+C)-th send through a buffer slot, ``close``);
   ``go``; and, by wrapping their methods while the program runs, Mutex,
   RWMutex, WaitGroup (and ``wg.go``), Once, atomics, ``sync.Map``,
   contexts, ``semaphore.Weighted`` and timers (``time.after_func``).
3. **FastTrack** shadow state per place: the last write as an epoch (one
   goroutine, one clock value), the reads as an epoch until two goroutines
   read concurrently, so that a place used by one goroutine costs O(1).

``preempt=True`` flips the program's seeded coin at every watched access and,
on heads, puts the goroutine back on the global run queue (Go's ``Gosched``):
the same seed gives the same interleaving.

What it does not see: accesses made outside the program's goroutines — in a
``goconc.blocking`` call's thread, a ``threading.Thread``, a signal handler —
are not recorded (Go's detector sees every thread; here only goroutines carry
clocks), nor code that was already running when watching began (a script's
own top-level statements under ``reset(race=True)``, which says so with a
warning), nor C code (a builtin's or an extension's writes).
"""

from __future__ import annotations

import ast
import atexit
import builtins
import linecache
import operator
import os
import sys
import types
import warnings
from collections import deque
from collections.abc import Callable
from typing import Any

from . import _runtime as _rt
from ._errors import DataRace

__all__ = ["Detector", "instrument_source", "start", "stop"]

#: The chance that a watched access gives up the processor under ``preempt=True``.
PREEMPT_P = 0.125

#: How many of the user's frames a report shows for one access.
MAX_FRAMES = 8

_MUTABLE = (list, dict, set, bytearray, deque)
_SEQ = (list, bytearray, deque)  # items are separate places, as a slice's elements

#: Methods that write the container itself (a list's header, a dict/set as one place).
_WRITE_METHODS = frozenset({
    "append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault",
    "add", "discard", "popitem", "sort", "reverse", "appendleft", "extendleft",
    "popleft", "rotate", "difference_update", "intersection_update",
    "symmetric_difference_update", "__setitem__", "__delitem__",
})
#: Methods that only read it.
_READ_METHODS = frozenset({
    "get", "keys", "values", "items", "copy", "count", "index", "__getitem__",
    "__contains__", "__len__", "__iter__", "issubset", "issuperset", "isdisjoint",
    "union", "intersection", "difference", "symmetric_difference",
})
_CONTAINER_METHODS = _WRITE_METHODS | _READ_METHODS
#: Builtins whose argument is read whole (its length, or every item).
_WHOLE_READERS = frozenset({
    "len", "sorted", "list", "tuple", "set", "frozenset", "sum", "min", "max", "any",
    "all", "enumerate", "zip", "reversed", "iter", "dict", "bytes",
})

_IOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.iadd, ast.Sub: operator.isub, ast.Mult: operator.imul,
    ast.Div: operator.itruediv, ast.FloorDiv: operator.ifloordiv, ast.Mod: operator.imod,
    ast.Pow: operator.ipow, ast.LShift: operator.ilshift, ast.RShift: operator.irshift,
    ast.BitOr: operator.ior, ast.BitXor: operator.ixor, ast.BitAnd: operator.iand,
    ast.MatMult: operator.imatmul,
}

_tls = _rt._tls

#: The detector of the program running on this process's goconc thread, if any.
_active: Detector | None = None


# --- which code is the user's --------------------------------------------------------

_user_codes: dict[Any, bool] = {}


def _is_user_code(code: types.CodeType) -> bool:
    r = _user_codes.get(code)
    if r is None:
        r = _user_codes[code] = _rt.user_file(code.co_filename)
    return r


# --- the rewrite ---------------------------------------------------------------------

class _Scope:
    """A function's (or module's, class's, comprehension's) names, for resolving a Name."""

    __slots__ = ("bound", "cells", "children", "globals", "kind", "node", "nonlocals",
                 "parent", "token", "used")

    def __init__(self, kind: str, node: ast.AST | None, parent: _Scope | None) -> None:
        self.kind = kind  # "module", "function", "class", "comp"
        self.node = node
        self.parent = parent
        self.bound: set[str] = set()
        self.used: set[str] = set()
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.cells: set[str] = set()
        self.children: list[_Scope] = []
        self.token = ""

    def resolve(self, name: str) -> tuple[str, _Scope | None]:
        """("local" | "cell" | "free" | "global" | "class", owner) for ``name`` here."""
        if self.kind == "module":
            return "global", None
        if name in self.globals:
            return "global", None
        if self.kind == "class":
            if name in self.bound:
                return "class", self
        elif name in self.bound and name not in self.nonlocals:
            return ("cell" if name in self.cells else "local"), self
        p = self.parent
        while p is not None and p.kind != "module":
            if p.kind != "class" and name in p.bound and name not in p.globals \
                    and name not in p.nonlocals:
                return "free", p
            if p.kind != "class" and name in p.globals:
                return "global", None
            p = p.parent
        return "global", None


def _target_names(t: ast.AST, out: set[str]) -> None:
    for n in ast.walk(t):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            out.add(n.id)


class _ScopeBuilder(ast.NodeVisitor):
    """Pass 1: every scope's bound and used names (Python's rules, simplified)."""

    def __init__(self) -> None:
        self.scopes: dict[int, _Scope] = {}
        self.cur: _Scope = _Scope("module", None, None)
        self.module = self.cur
        self.assigned_globals: set[str] = set()  # globals some code stores (not def/import)

    def _push(self, kind: str, node: ast.AST) -> _Scope:
        s = _Scope(kind, node, self.cur)
        self.cur.children.append(s)
        self.scopes[id(node)] = s
        return s

    def _args(self, s: _Scope, args: ast.arguments) -> None:
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            s.bound.add(a.arg)
        if args.vararg:
            s.bound.add(args.vararg.arg)
        if args.kwarg:
            s.bound.add(args.kwarg.arg)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.cur.bound.add(node.name)
        for d in node.decorator_list:
            self.visit(d)
        for d in (*node.args.defaults, *[x for x in node.args.kw_defaults if x]):
            self.visit(d)
        outer = self.cur
        s = self.cur = self._push("function", node)
        self._args(s, node.args)
        for st in node.body:
            self.visit(st)
        self.cur = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for d in (*node.args.defaults, *[x for x in node.args.kw_defaults if x]):
            self.visit(d)
        outer = self.cur
        s = self.cur = self._push("function", node)
        self._args(s, node.args)
        self.visit(node.body)
        self.cur = outer

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.cur.bound.add(node.name)
        for d in (*node.decorator_list, *node.bases, *[k.value for k in node.keywords]):
            self.visit(d)
        outer = self.cur
        self.cur = self._push("class", node)
        for st in node.body:
            self.visit(st)
        self.cur = outer

    def _comp(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp,
              elts: list[ast.AST]) -> None:
        gens = node.generators
        self.visit(gens[0].iter)  # evaluated in the enclosing scope
        outer = self.cur
        s = self.cur = self._push("comp", node)
        for i, g in enumerate(gens):
            _target_names(g.target, s.bound)
            if i:
                self.visit(g.iter)
            for c in g.ifs:
                self.visit(c)
        for e in elts:
            self.visit(e)
        self.cur = outer

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comp(node, [node.elt])

    visit_SetComp = visit_ListComp  # type: ignore[assignment]
    visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comp(node, [node.key, node.value])

    def visit_Global(self, node: ast.Global) -> None:
        self.cur.globals.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.cur.nonlocals.update(node.names)

    def visit_Name(self, node: ast.Name) -> None:
        s = self.cur
        if isinstance(node.ctx, ast.Load):
            s.used.add(node.id)
        else:
            s.bound.add(node.id)
            if s.kind == "module" or node.id in s.globals:
                self.assigned_globals.add(node.id)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        s = self.cur
        while s.kind == "comp" and s.parent is not None:
            s = s.parent
        s.bound.add(node.target.id)
        if s.kind == "module":
            self.assigned_globals.add(node.target.id)
        self.visit(node.value)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for a in node.names:
            if a.name != "*":
                self.cur.bound.add((a.asname or a.name).split(".")[0])

    visit_Import = _import
    visit_ImportFrom = _import

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.cur.bound.add(node.name)
        self.generic_visit(node)

    def finish(self) -> None:
        """Mark the cells: a function's names that a nested scope uses freely."""
        def walk(s: _Scope) -> None:
            for c in s.children:
                walk(c)
            if s.kind in ("function", "comp"):
                for name in s.used | s.nonlocals:
                    kind, owner = s.resolve(name)
                    if kind == "free" and owner is not None:
                        owner.cells.add(name)
        walk(self.module)


_HELPERS = ("__gr_rg__", "__gr_wg__", "__gr_rc__", "__gr_wc__", "__gr_ra__", "__gr_P__",
            "__gr_ri__", "__gr_m__", "__gr_whole__", "__gr_aug__", "__gr_tok__")


def _call(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args), keywords=[])


class _Rewriter(ast.NodeTransformer):
    """Pass 2: accesses to watched places become helper calls (see the module doc)."""

    def __init__(self, sb: _ScopeBuilder, gkey: int, namespace: dict[str, Any] | None,
                 filename: str, tokens: bool = True) -> None:
        self.sb = sb
        #: False: a closure variable is keyed by its owner's name and line, not by a
        #: token made per call (for a closure whose owner ran unwatched, see instrument).
        self.tokens = tokens
        self.gkey = gkey
        self.ns = namespace or {}
        self.scope = sb.module
        self.ntok = 0
        self.fname = os.path.basename(filename)

    # which names are watched

    def _watched_global(self, name: str) -> bool:
        if name in self.sb.assigned_globals:
            return True
        if name in self.ns:
            v = self.ns[name]
            return not isinstance(v, (types.FunctionType, type, types.ModuleType,
                                      types.BuiltinFunctionType))
        return False

    def _kind(self, name: str) -> tuple[str, _Scope | None]:
        if name.startswith("__gr_") or name == "__class__":
            return "local", None
        kind, owner = self.scope.resolve(name)
        if kind == "global" and not self._watched_global(name):
            return "local", None
        if kind == "free" and owner is not None and not owner.token \
                and (self.tokens or owner.kind != "function" or owner.node is None
                     or isinstance(owner.node, ast.Lambda)):
            return "local", None  # a comprehension's or lambda's cell: not watched
        return kind, owner

    def _key(self, kind: str, owner: _Scope | None) -> ast.expr:
        if kind == "global":
            return ast.Constant(self.gkey)
        assert owner is not None
        if not self.tokens:
            node = owner.node
            return ast.Constant(f"{getattr(node, 'name', '?')}@{getattr(node, 'lineno', 0)}")
        return ast.Name(id=owner.token, ctx=ast.Load())

    # scopes

    def _enter(self, node: ast.AST) -> _Scope:
        outer = self.scope
        self.scope = self.sb.scopes[id(node)]
        return outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> Any:
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args = self.visit(node.args)
        if node.returns is not None:
            node.returns = node.returns  # annotations stay as they are
        outer = self._enter(node)
        s = self.scope
        if s.cells and self.tokens:
            self.ntok += 1
            s.token = f"__gr_c{self.ntok}_{node.name}__"
        body = [self.visit(st) for st in node.body]
        flat: list[ast.stmt] = []
        for b in body:
            flat.extend(b if isinstance(b, list) else [b])
        if s.token:
            tok = ast.Assign(targets=[ast.Name(id=s.token, ctx=ast.Store())],
                             value=_call("__gr_tok__"))
            first = node.body[0]
            ast.copy_location(tok, first)
            at = 1 if (flat and isinstance(flat[0], ast.Expr)
                       and isinstance(flat[0].value, ast.Constant)
                       and isinstance(flat[0].value.value, str)) else 0
            flat.insert(at, tok)
        node.body = flat
        self.scope = outer
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_arguments(self, node: ast.arguments) -> Any:
        node.defaults = [self.visit(d) for d in node.defaults]
        node.kw_defaults = [self.visit(d) if d is not None else None for d in node.kw_defaults]
        return node

    def visit_Lambda(self, node: ast.Lambda) -> Any:
        node.args = self.visit(node.args)
        outer = self._enter(node)
        node.body = self.visit(node.body)
        self.scope = outer
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> Any:
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.bases = [self.visit(b) for b in node.bases]
        outer = self._enter(node)
        body = []
        for st in node.body:
            r = self.visit(st)
            body.extend(r if isinstance(r, list) else [r])
        node.body = body
        self.scope = outer
        return node

    def _comp(self, node: Any) -> Any:
        gens = node.generators
        gens[0].iter = self._visit_whole(gens[0].iter)
        outer = self._enter(node)
        for i, g in enumerate(gens):
            if i:
                g.iter = self._visit_whole(g.iter)
            g.ifs = [self.visit(c) for c in g.ifs]
        if isinstance(node, ast.DictComp):
            node.key = self.visit(node.key)
            node.value = self.visit(node.value)
        else:
            node.elt = self.visit(node.elt)
        self.scope = outer
        return node

    visit_ListComp = _comp
    visit_SetComp = _comp
    visit_GeneratorExp = _comp
    visit_DictComp = _comp

    # annotations are not evaluated accesses worth watching
    def visit_AnnAssign(self, node: ast.AnnAssign) -> Any:
        if node.value is None:
            return node
        node.value = self.visit(node.value)
        node.target = self._store_target(node.target)  # type: ignore[assignment]
        return node

    # loads

    def visit_Name(self, node: ast.Name) -> Any:
        if not isinstance(node.ctx, ast.Load):
            return node
        kind, owner = self._kind(node.id)
        if kind in ("global", "cell", "free"):
            helper = "__gr_rg__" if kind == "global" else "__gr_rc__"
            return ast.copy_location(
                _call(helper, self._key(kind, owner), ast.Constant(node.id), node), node)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        if not isinstance(node.ctx, ast.Load):
            return node
        value = self.visit(node.value)
        return ast.copy_location(_call("__gr_ra__", value, ast.Constant(node.attr)), node)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        if not isinstance(node.ctx, ast.Load):
            return node
        value = self.visit(node.value)
        sl = _slice_expr(self.visit(node.slice))
        return ast.copy_location(
            _call("__gr_ri__", value, sl, ast.Constant(_src(node.value))), node)

    def visit_Call(self, node: ast.Call) -> Any:
        f = node.func
        srcs = [_src(a) for a in node.args]  # the place's name, before it is rewritten
        node.args = [self.visit(a) for a in node.args]
        node.keywords = [self.visit(k) for k in node.keywords]
        if isinstance(f, ast.Attribute):
            value = self.visit(f.value)
            if f.attr in _CONTAINER_METHODS:
                node.func = ast.copy_location(
                    _call("__gr_m__", value, ast.Constant(f.attr),
                          ast.Constant(_src(f.value))), f)
            else:
                f.value = value  # a method call reads the receiver, not a field
            return node
        if isinstance(f, ast.Name) and f.id in _WHOLE_READERS and self._kind(f.id)[0] == "local" \
                and f.id not in self.ns:
            # len reads a list's length (Go's len reads the slice header), not its items
            items = f.id != "len"
            node.args = [self._whole(a, src, items) if not isinstance(a, ast.Starred) else a
                         for a, src in zip(node.args, srcs, strict=True)]
            return node
        node.func = self.visit(f)
        return node

    def visit_Compare(self, node: ast.Compare) -> Any:
        node.left = self.visit(node.left)
        srcs = [_src(c) for c in node.comparators]
        comps = [self.visit(c) for c in node.comparators]
        for i, op in enumerate(node.ops):
            if isinstance(op, (ast.In, ast.NotIn)):
                comps[i] = self._whole(comps[i], srcs[i])
        node.comparators = comps
        return node

    def _visit_whole(self, e: ast.expr) -> ast.expr:
        src = _src(e)  # before visiting rewrites it
        return self._whole(self.visit(e), src)

    def _whole(self, e: ast.expr, src: str | None = None, items: bool = True) -> ast.expr:
        """``e`` read whole (its length, and its items unless not ``items``); ``src`` names
        it (by default ``e``'s source: pass it when ``e`` is already rewritten)."""
        args = [e, ast.Constant(_src(e) if src is None else src)]
        if not items:
            args.append(ast.Constant(False))
        return ast.copy_location(_call("__gr_whole__", *args), e)

    # stores

    def _store_target(self, t: ast.expr) -> ast.expr:
        """A target of an assignment, for loop, with, del: watched stores go through a proxy
        (``__gr_P__(obj).attr = v``), which keeps Python's order of evaluation."""
        if isinstance(t, ast.Attribute):
            t.value = ast.copy_location(_call("__gr_P__", self.visit(t.value),
                                              ast.Constant("")), t.value)
            return t
        if isinstance(t, ast.Subscript):
            t.value = ast.copy_location(_call("__gr_P__", self.visit(t.value),
                                              ast.Constant(_src(t.value))), t.value)
            t.slice = self.visit(t.slice)
            return t
        if isinstance(t, (ast.Tuple, ast.List)):
            t.elts = [self._store_target(e) for e in t.elts]
            return t
        if isinstance(t, ast.Starred):
            t.value = self._store_target(t.value)
            return t
        return t

    def _name_writes(self, targets: list[ast.expr], anchor: ast.stmt) -> list[ast.stmt]:
        """Statements recording the writes of watched names bound by ``targets``."""
        names: list[str] = []
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                    names.append(n.id)
        out: list[ast.stmt] = []
        for name in names:
            kind, owner = self._kind(name)
            if kind in ("global", "cell", "free"):
                helper = "__gr_wg__" if kind == "global" else "__gr_wc__"
                st = ast.Expr(_call(helper, self._key(kind, owner), ast.Constant(name),
                                    ast.Constant(None)))
                out.append(ast.copy_location(st, anchor))
        return out

    def visit_Assign(self, node: ast.Assign) -> Any:
        node.value = self.visit(node.value)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            t = node.targets[0]
            kind, owner = self._kind(t.id)
            if kind in ("global", "cell", "free"):
                helper = "__gr_wg__" if kind == "global" else "__gr_wc__"
                node.value = ast.copy_location(
                    _call(helper, self._key(kind, owner), ast.Constant(t.id), node.value),
                    node.value)
            return node
        pre = self._name_writes(node.targets, node)
        node.targets = [self._store_target(t) for t in node.targets]
        return [*pre, node] if pre else node

    def visit_AugAssign(self, node: ast.AugAssign) -> Any:
        t = node.target
        node.value = self.visit(node.value)
        if isinstance(t, ast.Name):
            kind, owner = self._kind(t.id)
            if kind in ("global", "cell", "free"):
                rd = "__gr_rg__" if kind == "global" else "__gr_rc__"
                wr = "__gr_wg__" if kind == "global" else "__gr_wc__"
                key = self._key(kind, owner)
                load = ast.copy_location(_call(rd, key, ast.Constant(t.id),
                                               ast.Name(id=t.id, ctx=ast.Load())), t)
                opv = ast.copy_location(
                    _call("__gr_aug__", ast.Constant(type(node.op).__name__), load, node.value),
                    node)
                new = ast.Assign(targets=[ast.Name(id=t.id, ctx=ast.Store())],
                                 value=_call(wr, self._key(kind, owner), ast.Constant(t.id), opv))
                return ast.copy_location(new, node)
            return node
        node.target = self._store_target(t)  # type: ignore[assignment]
        return node

    def visit_Delete(self, node: ast.Delete) -> Any:
        node.targets = [self._store_target(t) for t in node.targets]
        return node

    def visit_For(self, node: ast.For | ast.AsyncFor) -> Any:
        node.iter = self._visit_whole(node.iter)
        pre = self._name_writes([node.target], node)
        node.target = self._store_target(node.target)
        node.body = self._stmts(node.body)
        if pre:
            node.body = [*pre, *node.body]
        node.orelse = self._stmts(node.orelse)
        return node

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> Any:
        for item in node.items:
            item.context_expr = self.visit(item.context_expr)
            if item.optional_vars is not None:
                item.optional_vars = self._store_target(item.optional_vars)
        node.body = self._stmts(node.body)
        return node

    visit_AsyncWith = visit_With

    def _stmts(self, sts: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for st in sts:
            r = self.visit(st)
            out.extend(r if isinstance(r, list) else [r])
        return out


def _slice_expr(e: ast.expr) -> ast.expr:
    """A subscript's slice as an expression that can be an argument: ``a:b`` -> slice(a, b)."""
    if isinstance(e, ast.Slice):
        none = ast.Constant(None)
        return ast.copy_location(_call("slice", e.lower or none, e.upper or none,
                                       e.step or none), e)
    if isinstance(e, ast.Tuple) and any(isinstance(x, ast.Slice) for x in e.elts):
        return ast.copy_location(ast.Tuple(elts=[_slice_expr(x) for x in e.elts],
                                           ctx=ast.Load()), e)
    return e


def _src(e: ast.expr) -> str:
    try:
        return ast.unparse(e)
    except Exception:
        return "?"


def rewrite(tree: ast.Module, filename: str, namespace: dict[str, Any] | None,
            tokens: bool = True) -> ast.Module:
    """The watched version of a module's (or a cell's) AST."""
    sb = _ScopeBuilder()
    sb.visit(tree)
    sb.finish()
    gkey = id(namespace) if namespace is not None else hash(filename)
    new = _Rewriter(sb, gkey, namespace, filename, tokens).visit(tree)
    ast.fix_missing_locations(new)
    return new  # type: ignore[no-any-return]


def instrument_source(source: str, filename: str, namespace: dict[str, Any] | None = None,
                      tokens: bool = True) -> types.CodeType:
    """Compile ``source`` with every watched access rewritten (see the module doc)."""
    install_builtins()
    tree = ast.parse(source, filename)
    return compile(rewrite(tree, filename, namespace, tokens), filename, "exec")


_compiled: dict[tuple[str, int, bool, int], dict[tuple[str, int], types.CodeType] | None] = {}


def _watched_codes(filename: str, namespace: dict[str, Any],
                   tokens: bool = True) -> dict[tuple[str, int], types.CodeType] | None:
    """The watched code objects of a file, by (qualname, first line); None without source."""
    lines = linecache.getlines(filename, namespace)
    key = (filename, id(namespace), tokens, hash("".join(lines)))
    if key in _compiled:
        return _compiled[key]
    out: dict[tuple[str, int], types.CodeType] | None = None
    if lines:
        try:
            code = instrument_source("".join(lines), filename, namespace, tokens)
        except (SyntaxError, ValueError):
            code = None
        if code is not None:
            out = {}
            todo = [code]
            while todo:
                c = todo.pop()
                for k in c.co_consts:
                    if isinstance(k, types.CodeType):
                        out[(k.co_qualname, k.co_firstlineno)] = k
                        todo.append(k)
    _compiled[key] = out
    return out


def _is_watched(code: types.CodeType) -> bool:
    return any(n.startswith("__gr_") for n in code.co_names)


# --- the shadow state and the clocks -------------------------------------------------

VC = dict[int, int]


class _Shadow:
    """FastTrack's state of one place: the last write's epoch, the reads' epoch or clock."""

    __slots__ = ("obj", "r", "rclk", "rstk", "rtid", "wclk", "wstk", "wtid")

    def __init__(self, obj: Any) -> None:
        self.obj = obj  # keeps the object alive: its id names the place until the end
        self.wtid = 0
        self.wclk = 0
        self.wstk: Any = None
        self.rtid = 0  # an epoch of reads (one goroutine), or ...
        self.rclk = 0
        self.rstk: Any = None
        self.r: dict[int, tuple[int, Any]] | None = None  # ... concurrent reads


#: How many clocks a goroutine, or a synchronisation object, remembers as known to be
#: below its own (see ``_GInfo``).
_KEEP = 4
#: A goroutine forgets its ``base`` when more than this many entries differ from it.
_MAX_DELTA = 64


class _GInfo:
    """A goroutine's vector clock, and what makes joining it cheap.

    The clocks published by synchronisation (``Detector.sync``, a channel's slots) are
    never changed once made, so they can be compared by identity. ``known`` holds a few
    of them that are below ``vc`` (acquiring one again is free); ``base`` is one that
    ``vc`` equals everywhere but at the keys in ``delta``: joining ``vc`` into a clock
    that is already above ``base`` walks ``delta``, not every goroutine. With hundreds of
    goroutines taking one mutex and leaving one WaitGroup, that turns each ``done``'s
    join from O(goroutines) into O(1).
    """

    __slots__ = ("base", "created", "delta", "finished", "id", "known", "vc")

    def __init__(self, gid: int, vc: VC, created: list[tuple[str, str, int]]) -> None:
        self.id = gid
        self.vc = vc
        self.created = created
        self.finished = False
        self.base: VC | None = None
        self.delta: set[int] = set()
        self.known: tuple[VC, ...] = ()

    def tick(self) -> None:
        """The goroutine's own clock moves on (after it releases)."""
        vc = self.vc
        t = self.id
        vc[t] = vc.get(t, 0) + 1
        if self.base is not None:
            self.delta.add(t)

    def forget(self) -> None:
        self.base = None
        self.delta = set()
        self.known = ()


def _has(clocks: tuple[VC, ...], c: VC) -> bool:
    """``c`` is one of ``clocks`` (by identity); a loop, as a generator costs more."""
    for x in clocks:  # noqa: SIM110
        if x is c:
            return True
    return False


def _stack(f: types.FrameType | None) -> tuple[tuple[types.CodeType, int], ...]:
    """The user's frames from ``f`` down, as (code, bytecode offset): the offset is what
    is cheap to take at every access (a frame's ``f_lineno`` scans the line table, which
    costs microseconds in a long function); ``_line`` works the line out for a report,
    as Go keeps PCs and symbolizes them when it prints."""
    out: list[tuple[types.CodeType, int]] = []
    walked = 0
    while f is not None and len(out) < MAX_FRAMES and walked < 4 * MAX_FRAMES:
        walked += 1
        c = f.f_code
        r = _user_codes.get(c)
        if r is None:
            r = _user_codes[c] = _rt.user_file(c.co_filename)
        if r:
            out.append((c, f.f_lasti))
        f = f.f_back
    return tuple(out)


_lines: dict[tuple[types.CodeType, int], int] = {}


def _line(code: types.CodeType, lasti: int) -> int:
    """The source line of the instruction at ``lasti`` in ``code`` (0 if it has none)."""
    line = _lines.get((code, lasti))
    if line is None:
        line = 0
        for start, end, ln in code.co_lines():
            if start <= lasti < end:
                line = ln or 0
                break
        _lines[(code, lasti)] = line
    return line


def _join(mine: VC, other: VC) -> VC:
    """``mine`` joined with ``other`` (the max per goroutine), in ``mine`` or in a new dict:
    the smaller clock is walked in Python, the larger copied at C speed."""
    get = mine.get
    if len(other) <= len(mine):
        for k, v in other.items():
            if v > get(k, 0):
                mine[k] = v
        return mine
    new = dict(other)
    get = new.get
    for k, v in mine.items():
        if v > get(k, 0):
            new[k] = v
    return new


def _who(gid: int) -> str:
    return "main goroutine" if gid == 1 else f"goroutine {gid}"


#: id(frame) -> (frame, its caller, the caller's offset, the user's stack below frame), for
#: the user's frames: while a frame runs, the frames below it wait at one call each, so the
#: stack below is taken once per call (a loop's accesses, a function's several), not once
#: per access. Bounded, and cleared when the program ends: it keeps those frames alive.
#: (One inexactness: a generator's caller that is itself a generator, resumed from another
#: place between two accesses at the same offset, keeps the old lines below it.)
_below: dict[int, tuple[Any, Any, int, tuple[tuple[types.CodeType, int], ...]]] = {}


def _stk(frame: Any) -> tuple[tuple[types.CodeType, int], ...]:
    """The user's stack at an access: from its frame, or already taken (a tuple)."""
    if type(frame) is tuple:
        return frame
    e = _below.get(id(frame))
    if e is not None and e[0] is frame:
        fb = e[1]
        if frame.f_back is fb and (fb is None or e[2] == fb.f_lasti):
            return ((frame.f_code, frame.f_lasti), *e[3])
    return _stk_taken(frame)


def _stk_taken(frame: Any) -> tuple[tuple[types.CodeType, int], ...]:
    """``_stk`` when ``frame`` is not cached: from the first user frame at or below it (an
    event of the runtime's starts in goconc's frames, below the user's call)."""
    walked = 0
    while True:
        c = frame.f_code
        mine = _user_codes.get(c)
        if mine is None:
            mine = _user_codes[c] = _rt.user_file(c.co_filename)
        if mine:
            break
        frame = frame.f_back
        walked += 1
        if frame is None or walked >= 4 * MAX_FRAMES:
            return ()
    fb = frame.f_back
    e = _below.get(id(frame))
    if e is None or e[0] is not frame or e[1] is not fb or (
            fb is not None and e[2] != fb.f_lasti):
        b = _below.get(id(fb)) if fb is not None else None
        if b is not None and b[0] is fb and b[1] is fb.f_back and (
                b[1] is None or b[2] == b[1].f_lasti):
            # the caller's own stack is known (it made an access of its own there)
            rest = ((fb.f_code, fb.f_lasti), *b[3])[:MAX_FRAMES - 1]
        else:
            rest = _stack(fb)[:MAX_FRAMES - 1]
        if len(_below) >= 64:
            _below.clear()
        e = _below[id(frame)] = (frame, fb, fb.f_lasti if fb is not None else -1, rest)
    return ((frame.f_code, frame.f_lasti), *e[3])


def _fname(code: types.CodeType) -> str:
    q = code.co_qualname.replace(".<locals>.", ".")
    return "main" if q == "<module>" else q


def _frames_text(stk: Any) -> str:
    lines = []
    for code, lasti in stk or ():
        lines.append(f"  {_fname(code)}()\n"
                     f"      {_rt.show_path(code.co_filename)}:{_line(code, lasti)}")
    return "\n".join(lines) if lines else "  (goconc)"


class Detector:
    """The race detector of one program (see the module doc)."""

    def __init__(self, sched: Any, race: bool, preempt: bool) -> None:
        self.sched: Any = sched
        self.race = race
        self.preempt = preempt
        self.g: dict[int, _GInfo] = {}
        self.shadow: dict[Any, _Shadow] = {}
        #: id(obj) (or a key tuple) -> (obj, its clock, clocks known to be below it)
        self.sync: dict[Any, tuple[Any, VC, tuple[VC, ...]]] = {}
        self.slots: dict[int, list[Any]] = {}  # a channel: [chan, sends, recvs, slot clocks]
        self.pending: dict[int, int] = {}  # an unbuffered channel: the sender handing over
        self.fire_vc: VC | None = None
        self.reports: list[str] = []
        self.sites: dict[tuple[types.CodeType, int], tuple[str, str, int]] = {}
        self.seen: set[Any] = set()
        self.swapped: list[tuple[types.FunctionType, types.CodeType]] = []
        self.scanned: set[int] = set()
        self.keep: list[Any] = []
        self.prev_hook: Callable[..., None] | None = None
        self.prev_active: Detector | None = None
        self.patches: list[tuple[Any, str, Any]] = []
        self.detach: Callable[[], None] | None = None

    # goroutines' clocks

    def ginfo(self, g: Any) -> _GInfo:
        gid = g.id if g is not None else 0
        gi = self.g.get(gid)
        if gi is None:
            gi = self.g[gid] = _GInfo(gid, {gid: 1}, [])
        return gi

    def cur(self) -> _GInfo | None:
        s = self.sched
        g = s.cur
        if g is None or s.dying or getattr(_tls, "sched", None) is not s:
            return None
        gi = self.g.get(g.id)
        if gi is None:
            gi = self.ginfo(g)
        return gi

    @staticmethod
    def acquire(gi: _GInfo, vc: VC | None, frozen: bool = True) -> None:
        """``gi`` acquires ``vc``: a published clock (``frozen``) or another goroutine's."""
        if not vc or (frozen and _has(gi.known, vc)):
            return
        mine = gi.vc
        if len(vc) <= len(mine):
            get = mine.get
            if gi.base is not None:
                delta = gi.delta
                for k, v in vc.items():
                    if v > get(k, 0):
                        mine[k] = v
                        delta.add(k)
                if len(delta) > _MAX_DELTA:
                    gi.base = None
                    gi.delta = set()
            else:
                for k, v in vc.items():
                    if v > get(k, 0):
                        mine[k] = v
        else:
            new = dict(vc)
            get = new.get
            changed = set()
            for k, v in mine.items():
                if v > get(k, 0):
                    new[k] = v
                    changed.add(k)
            gi.vc = new
            if frozen and len(changed) <= _MAX_DELTA:
                gi.base = vc
                gi.delta = changed
            else:
                gi.base = None
                gi.delta = set()
        if frozen:
            gi.known = (vc, *gi.known[:_KEEP - 1])

    def release(self, gi: _GInfo, obj: Any, store: bool = False) -> None:
        k = obj if type(obj) is tuple else id(obj)
        e = self.sync.get(k)
        vc = gi.vc
        base = gi.base
        if e is None or store or _has(gi.known, e[1]):
            # A store, or a join with a clock already below ours: ours is the result.
            new = dict(vc)
            cover = gi.known if base is None else (*gi.known[:_KEEP - 1], base)
            gi.known = (new, *gi.known[:_KEEP - 1])
        else:
            w: VC = e[1]
            if base is not None and (base is w or _has(e[2], base)):
                new = dict(w)  # w >= base, and vc is base but for delta
                get = new.get
                for key in gi.delta:
                    v = vc.get(key, 0)
                    if v > get(key, 0):
                        new[key] = v
            else:
                new = _join(dict(w), vc)
            cover = (*gi.known[:2], *((base,) if base is not None else ()), w)
        self.sync[k] = (obj, new, cover[:_KEEP])
        gi.tick()

    def acq(self, obj: Any) -> None:
        gi = self.cur()
        if gi is not None:
            e = self.sync.get(obj if type(obj) is tuple else id(obj))
            if e is not None:
                self.acquire(gi, e[1])

    def rel(self, obj: Any, store: bool = False) -> None:
        gi = self.cur()
        if gi is not None:
            self.release(gi, obj, store)

    def acqrel(self, obj: Any) -> None:
        gi = self.cur()
        if gi is not None:
            e = self.sync.get(obj if type(obj) is tuple else id(obj))
            if e is not None:
                self.acquire(gi, e[1])
            self.release(gi, obj)

    # accesses

    def access(self, key: Any, obj: Any, write: bool, place: Any, frame: Any,
               user: bool = True) -> None:
        """One read or write of the place ``key``; ``place`` names it (see ``_place_text``)."""
        s: Any = self.sched
        g = s.cur
        if g is None or s.dying or _tls.__dict__.get("sched") is not self.sched:
            return
        if user and self.preempt and s.rng.random() < PREEMPT_P:
            s.gosched()
            if s.dying:
                return
        if not self.race:
            return
        gi = self.g.get(g.id)
        if gi is None:
            gi = self.ginfo(g)
        vc = gi.vc
        t = gi.id
        e = vc[t]
        sh = self.shadow.get(key)
        if sh is None:
            sh = self.shadow[key] = _Shadow(obj)
        if write:
            if sh.wtid == t and sh.wclk == e and sh.r is None and sh.rtid in (0, t):
                return
            stk = None
            if sh.wtid and sh.wtid != t and sh.wclk > vc.get(sh.wtid, 0):
                stk = _stk(frame)
                self.report(key, place, "Write", stk, t, "write", sh.wstk, sh.wtid)
            if sh.r is not None:
                for u, (clk, rstk) in sh.r.items():
                    if u != t and clk > vc.get(u, 0):
                        if stk is None:
                            stk = _stk(frame)
                        self.report(key, place, "Write", stk, t, "read", rstk, u)
                        break
                sh.r = None
            elif sh.rtid and sh.rtid != t and sh.rclk > vc.get(sh.rtid, 0):
                if stk is None:
                    stk = _stk(frame)
                self.report(key, place, "Write", stk, t, "read", sh.rstk, sh.rtid)
            sh.rtid = 0
            sh.wtid = t
            sh.wclk = e
            sh.wstk = stk if stk is not None else _stk(frame)
            return
        # a read
        if sh.r is None:
            if sh.rtid == t and sh.rclk == e:
                return
        elif sh.r.get(t, (0,))[0] == e:
            return
        stk = _stk(frame)
        if sh.wtid and sh.wtid != t and sh.wclk > vc.get(sh.wtid, 0):
            self.report(key, place, "Read", stk, t, "write", sh.wstk, sh.wtid)
        if sh.r is not None:
            sh.r[t] = (e, stk)
        elif sh.rtid == 0 or sh.rtid == t or sh.rclk <= vc.get(sh.rtid, 0):
            sh.rtid = t
            sh.rclk = e
            sh.rstk = stk
        else:
            sh.r = {sh.rtid: (sh.rclk, sh.rstk), t: (e, stk)}

    def report(self, key: Any, place: Any, kind: str, stk: Any, t: int, pkind: str,
               pstk: Any, u: int) -> None:
        """Print a race in Go's shape, once per pair of source lines (Go's race runtime
        suppresses a report whose two stacks it has reported before; two races on one
        variable at other lines are both reported)."""
        here = stk[0] if stk else None
        there = pstk[0] if pstk else None
        lines = frozenset(((here[0].co_filename, _line(*here)) if here else None,
                           (there[0].co_filename, _line(*there)) if there else None))
        if lines in self.seen:
            return
        self.seen.add(lines)
        name = _place_text(place)
        pname = _place_text(place, previous=True)
        parts = [
            "==================",
            "WARNING: DATA RACE",
            f"{kind} at {name} by {_who(t)}:",
            _frames_text(stk),
            "",
            f"Previous {pkind} at {pname} by {_who(u)}:",
            _frames_text(pstk),
        ]
        for gid in (t, u):
            gi = self.g.get(gid)
            if gid == 1 or gi is None or not gi.created:
                continue
            state = "finished" if gi.finished else "running"
            frames = "\n".join(f"  {fn}()\n      {file}:{line}" if line else f"  {fn}()"
                                for fn, file, line in gi.created)
            parts += ["", f"Goroutine {gid} ({state}) created at:", frames]
        parts.append("==================")
        text = "\n".join(parts)
        self.reports.append(text)
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    # the runtime's events

    def hook(self, ev: str, *a: Any) -> None:
        f = _EVENTS.get(ev)
        if f is not None and getattr(_tls, "sched", None) is self.sched:
            f(self, *a)
        p = self.prev_hook
        if p is not None:
            p(ev, *a)

    def ev_go(self, g: Any, parent: Any) -> None:
        if g.sched is not self.sched:
            return
        in_fire = g.site_code is None and _in_timer()
        if parent is None or in_fire:
            vc = dict(self.fire_vc or {})
        else:
            pi = self.ginfo(parent)
            vc = dict(pi.vc)
            pi.tick()
        vc[g.id] = 1
        created: list[tuple[str, str, int]] = []
        if g.site_code is not None:
            site = (g.site_code, g.site_lasti)
            where = self.sites.get(site)
            if where is None:  # worked out once per go statement, not per goroutine
                where = self.sites[site] = (_fname(g.site_code),
                                            _rt.show_path(g.site_code.co_filename),
                                            g.site_line)
            created.append(where)
        elif in_fire:  # started by a timer: time.after_func, a context's deadline
            created.append(("time.after_func", "", 0))
        else:  # started by goconc itself (a context's watcher, context.after_func)
            created.append((getattr(g.fn, "__qualname__", "goroutine"), "", 0))
        gi = self.g[g.id] = _GInfo(g.id, vc, created)
        del gi
        self.instrument(g.fn)

    def ev_exit(self, g: Any) -> None:
        gi = self.g.get(g.id)
        if gi is not None and g.sched is self.sched:
            gi.finished = True
            gi.forget()  # the clocks it remembers would stay alive with it

    def _chanread(self, g: Any, ch: Any) -> None:
        """``chansend``'s read of the channel, which races with an unordered ``close``."""
        if g is not None and g is self.sched.cur and self.race:
            f = sys._getframe(2)
            self.access(("chan", id(ch)), ch, False, (4, ch, None), f, False)

    def _slot(self, gi: _GInfo, ch: Any, send: bool) -> None:
        """Go's ``racenotify``: acquire and release-store the buffer slot's clock."""
        st = self.slots.get(id(ch))
        if st is None:
            st = self.slots[id(ch)] = [ch, 0, 0, {}]
        i = 1 if send else 2
        k = st[i] % ch.dataqsiz
        st[i] += 1
        slot = st[3].get(k)
        self.acquire(gi, slot)
        new = st[3][k] = dict(gi.vc)
        gi.known = (new, *gi.known[:_KEEP - 1])
        gi.tick()

    def _sync(self, a: _GInfo, b: _GInfo) -> None:
        """Go's ``racesync``: an unbuffered handoff orders both ways."""
        self.acquire(b, a.vc, frozen=False)
        a.tick()
        self.acquire(a, b.vc, frozen=False)
        b.tick()

    def _gi(self, g: Any) -> _GInfo:
        if g is None:
            gi = _GInfo(0, dict(self.fire_vc or {}), [])
            gi.vc[0] = 1
            return gi
        return self.ginfo(g)

    def ev_send(self, g: Any, ch: Any, v: Any) -> None:
        self._chanread(g, ch)

    def ev_handoff_s(self, sender: Any, ch: Any, v: Any, receiver: Any, woken: Any) -> None:
        self._chanread(sender, ch)
        a, b = self._gi(sender), self._gi(receiver)
        if ch.dataqsiz == 0:
            self._sync(a, b)
        else:
            self._slot(a, ch, True)
            self._slot(b, ch, False)

    def ev_handoff_r(self, sender: Any, ch: Any, v: Any, receiver: Any, woken: Any) -> None:
        self._sync(self._gi(receiver), self._gi(sender))

    def ev_sent_s(self, g: Any, ch: Any, v: Any) -> None:
        self._chanread(g, ch)
        self._slot(self._gi(g), ch, True)

    def ev_sent(self, g: Any, ch: Any, v: Any) -> None:
        self._chanread(g, ch)
        if ch.dataqsiz == 0:
            self.pending[id(ch)] = g.id if g is not None else -1
            if g is None:
                self._fire_gi = self._gi(None)
        else:
            self._slot(self._gi(g), ch, True)

    def ev_recvd(self, g: Any, ch: Any, v: Any, ok: bool) -> None:
        gi = self.ginfo(g)
        if not ok:
            e = self.sync.get(id(ch))
            if e is not None:
                self.acquire(gi, e[1])
            return
        if ch.dataqsiz == 0:
            sid = self.pending.pop(id(ch), None)
            if sid is None:
                return
            a = self.g.get(sid) if sid >= 0 else getattr(self, "_fire_gi", None)
            if a is not None:
                self._sync(a, gi)
        else:
            self._slot(gi, ch, False)

    def ev_recvd_r(self, g: Any, ch: Any, v: Any, ok: bool) -> None:
        self.ev_recvd(g, ch, v, ok)

    def ev_close(self, g: Any, ch: Any) -> None:
        if ch.closed or g is None:
            return
        if self.race and g is self.sched.cur:
            self.access(("chan", id(ch)), ch, True, (4, ch, None), sys._getframe(2), False)
        gi = self.ginfo(g)
        self.release(gi, ch, store=True)

    def ev_timer(self, t: Any, when: int) -> None:
        if t.f is _sleep_wake:
            return
        s = self.sched
        g = s.cur
        if g is None or s.dying:
            return
        gi = self.ginfo(g)
        self.release(gi, t, store=True)

    def ev_fire(self, t: Any, when: int) -> None:
        e = self.sync.get(id(t))
        self.fire_vc = dict(e[1]) if e is not None else {}

    # instrumenting the user's functions

    def instrument(self, fn: Any) -> None:
        """Swap the watched code into ``fn`` and the user's functions it can reach."""
        todo = [fn]
        while todo:
            f = todo.pop()
            while hasattr(f, "func") and not isinstance(f, types.FunctionType):
                f = f.func  # functools.partial
            f = getattr(f, "__func__", f)
            if isinstance(f, type):
                if id(f) in self.scanned or not _class_is_user(f):
                    continue
                self.scanned.add(id(f))
                self.keep.append(f)
                for v in vars(f).values():
                    if isinstance(v, (staticmethod, classmethod)):
                        todo.append(v.__func__)
                    elif isinstance(v, property):
                        todo.extend(x for x in (v.fget, v.fset, v.fdel) if x is not None)
                    elif isinstance(v, (types.FunctionType, type)):
                        todo.append(v)
                continue
            if not isinstance(f, types.FunctionType) or id(f) in self.scanned:
                continue
            self.scanned.add(id(f))
            self.keep.append(f)
            code = f.__code__
            if not _is_user_code(code):
                continue
            if not _is_watched(code):
                where = (code.co_qualname, code.co_firstlineno)
                codes = _watched_codes(code.co_filename, f.__globals__)
                new = codes.get(where) if codes else None
                if new is not None and new.co_freevars != code.co_freevars:
                    # A closure whose enclosing function ran unwatched: no tokens.
                    codes = _watched_codes(code.co_filename, f.__globals__, False)
                    new = codes.get(where) if codes else None
                if new is not None and new.co_freevars == code.co_freevars \
                        and new.co_argcount == code.co_argcount:
                    self.swapped.append((f, code))
                    f.__code__ = new
            gl = f.__globals__
            if id(gl) not in self.scanned:
                self.scanned.add(id(gl))
                self.keep.append(gl)
                for v in list(gl.values()):
                    if isinstance(v, (types.FunctionType, type)):
                        todo.append(v)
            for cell in f.__closure__ or ():
                try:
                    v = cell.cell_contents
                except ValueError:
                    continue
                if isinstance(v, (types.FunctionType, type)):
                    todo.append(v)
            for v in f.__defaults__ or ():
                if isinstance(v, types.FunctionType):
                    todo.append(v)

    def instrument_namespace(self, ns: dict[str, Any]) -> None:
        """Watch the user's functions and classes of a namespace (a notebook's)."""
        for v in list(ns.values()):
            if isinstance(v, (types.FunctionType, type)):
                self.instrument(v)

    def restore(self) -> None:
        for f, code in reversed(self.swapped):
            f.__code__ = code
        self.swapped.clear()


def _class_is_user(cls: type) -> bool:
    """A class of the user's: one of its functions was compiled from a user's file."""
    try:
        members = list(vars(cls).values())
    except TypeError:
        return False
    for v in members:
        v = getattr(v, "__func__", v)
        code = getattr(v, "__code__", None)
        if isinstance(code, types.CodeType):
            return _is_user_code(code)
    return False


_TIMER_CODES = (_rt.Scheduler._run_timers.__code__, _rt.Scheduler.run_timer.__code__)


def _in_timer() -> bool:
    """Whether a timer's function is running (a goroutine it starts inherits its clock)."""
    f: types.FrameType | None = sys._getframe(2)
    for _ in range(8):
        if f is None:
            return False
        if f.f_code in _TIMER_CODES:
            return True
        f = f.f_back
    return False


def _chan_name(ch: Any) -> str:
    name = getattr(ch, "name", None)
    return f"channel {name!r}" if name else f"a channel ({ch._typestr()})"


def _sleep_wake(g: Any, when: int) -> None:  # replaced by goconc.time._wake at start()
    raise AssertionError


_EVENTS: dict[str, Callable[..., None]] = {
    "go": Detector.ev_go,
    "exit": Detector.ev_exit,
    "send": Detector.ev_send,
    "handoff_s": Detector.ev_handoff_s,
    "handoff_r": Detector.ev_handoff_r,
    "sent_s": Detector.ev_sent_s,
    "sent": Detector.ev_sent,
    "recvd": Detector.ev_recvd,
    "recvd_r": Detector.ev_recvd_r,
    "close": Detector.ev_close,
    "timer": Detector.ev_timer,
    "fire": Detector.ev_fire,
}


# --- the helpers the rewritten code calls ----------------------------------------------

def _place_text(place: tuple[int, Any, Any], previous: bool = False) -> str:
    """A place as a report names it: ``counter``, ``Counter.n``, ``results[3]``, ``hits['a']``.

    A dict is one place: the previous access may have been at another key, so that
    line names the dict (``hits``)."""
    kind, a, b = place
    if kind == 6:
        return str(a) if previous else f"{a}[{b!r}]"
    if kind == 0:
        return str(a)
    if kind == 1:
        return f"{a.__name__ if isinstance(a, type) else type(a).__name__}.{b}"
    if kind == 2:
        return f"{a}[{b!r}]"
    if kind == 3:
        return str(a)
    if kind == 4:
        return _chan_name(a)
    return "sync.WaitGroup"


def __gr_rg__(key: int, name: str, value: Any) -> Any:
    d = _active
    if d is not None:
        d.access((key, name), None, False, (0, name, None), sys._getframe(1))
    return value


def __gr_wg__(key: int, name: str, value: Any) -> Any:
    d = _active
    if d is not None:
        d.access((key, name), None, True, (0, name, None), sys._getframe(1))
    return value


def __gr_rc__(tok: Any, name: str, value: Any) -> Any:
    d = _active
    if d is not None:
        k = tok if type(tok) is str else id(tok)
        d.access((k, name), tok, False, (0, name, None), sys._getframe(1))
    return value


def __gr_wc__(tok: Any, name: str, value: Any) -> Any:
    d = _active
    if d is not None:
        k = tok if type(tok) is str else id(tok)
        d.access((k, name), tok, True, (0, name, None), sys._getframe(1))
    return value


class _Tok:
    __slots__ = ("__weakref__",)


def __gr_tok__() -> _Tok:
    return _Tok()


_ModuleType = types.ModuleType


def __gr_ra__(obj: Any, attr: str) -> Any:
    d = _active
    if d is not None and type(obj) is not _ModuleType:
        d.access((id(obj), attr), obj, False, (1, obj, attr), sys._getframe(1))
    return getattr(obj, attr)


def _item_access(d: Detector, obj: Any, k: Any, write: bool, src: str,
                 frame: types.FrameType) -> None:
    t = type(obj)
    if t in _SEQ or isinstance(obj, _SEQ):
        d.access((id(obj), None), obj, False, (3, src, None), frame)
        if isinstance(k, int):
            if k < 0:
                try:
                    k = k + len(obj)
                except TypeError:
                    return
            d.access((id(obj), k), obj, write, (2, src, k), frame)
        else:  # a slice: the whole list
            d.access((id(obj), None), obj, write, (3, src, None), frame)
    elif isinstance(obj, (dict, set)):
        d.access((id(obj), None), obj, write, (6, src, k), frame)


def __gr_ri__(obj: Any, k: Any, src: str) -> Any:
    d = _active
    if d is not None:
        _item_access(d, obj, k, False, src, sys._getframe(1))
    return obj[k]


def __gr_m__(obj: Any, name: str, src: str) -> Any:
    d = _active
    if d is not None and isinstance(obj, _MUTABLE):
        write = name in _WRITE_METHODS
        f: Any = sys._getframe(1)
        d.access((id(obj), None), obj, False, (3, src, None), f)  # its length, first
        if write:
            d.access((id(obj), None), obj, True, (3, src, None), f, False)
        if not write and isinstance(obj, _SEQ) and name in ("count", "index", "copy"):
            f = _stack(f)
            for i in range(len(obj)):
                d.access((id(obj), i), obj, False, (2, src, i), f)
        elif write and isinstance(obj, _SEQ) and name in ("sort", "reverse", "clear"):
            f = _stack(f)
            for i in range(len(obj)):
                d.access((id(obj), i), obj, True, (2, src, i), f)
    return getattr(obj, name)


def __gr_whole__(obj: Any, src: str, items: bool = True) -> Any:
    d = _active
    if d is not None and isinstance(obj, _MUTABLE):
        f: Any = sys._getframe(1)
        d.access((id(obj), None), obj, False, (3, src, None), f)
        if items and isinstance(obj, _SEQ) and obj:
            f = _stack(f)  # once for every item
            for i in range(len(obj)):
                d.access((id(obj), i), obj, False, (2, src, i), f)
    return obj


_AUG = {k.__name__: v for k, v in _IOPS.items()}


def __gr_aug__(op: str, a: Any, b: Any) -> Any:
    return _AUG[op](a, b)


class __gr_P__:
    """A stand-in for an object being stored into: records the write, then does it."""

    __slots__ = ("_o", "_s")

    def __init__(self, obj: Any, src: str) -> None:
        object.__setattr__(self, "_o", obj)
        object.__setattr__(self, "_s", src)

    def __getattribute__(self, attr: str) -> Any:  # the load of an augmented assignment
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None and type(obj) is not _ModuleType:
            d.access((id(obj), attr), obj, False, (1, obj, attr), sys._getframe(1))
        return getattr(obj, attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None and type(obj) is not _ModuleType:
            d.access((id(obj), attr), obj, True, (1, obj, attr), sys._getframe(1))
        setattr(obj, attr, value)

    def __delattr__(self, attr: str) -> None:
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None:
            d.access((id(obj), attr), obj, True, (1, obj, attr), sys._getframe(1))
        delattr(obj, attr)

    def __getitem__(self, k: Any) -> Any:
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None:
            _item_access(d, obj, k, False, object.__getattribute__(self, "_s"),
                         sys._getframe(1))
        return obj[k]

    def __setitem__(self, k: Any, value: Any) -> None:
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None:
            _item_access(d, obj, k, True, object.__getattribute__(self, "_s"),
                         sys._getframe(1))
        obj[k] = value

    def __delitem__(self, k: Any) -> None:
        obj = object.__getattribute__(self, "_o")
        d = _active
        if d is not None:
            src = object.__getattribute__(self, "_s")
            f = sys._getframe(1)
            _item_access(d, obj, k, True, src, f)
            if isinstance(obj, _SEQ):
                d.access((id(obj), None), obj, True, (3, src, None), f)
        del obj[k]


_installed = False


def install_builtins() -> None:
    """Make the helpers reachable from any module as builtins (done once, kept: code
    compiled while a program was watched may run later, and then records nothing)."""
    global _installed
    if _installed:
        return
    g = globals()
    for name in _HELPERS:
        setattr(builtins, name, g[name])
    _installed = True


# --- the wrapped synchronisation --------------------------------------------------------

def _wrap_methods(d: Detector) -> None:
    from . import atomic, context, semaphore, sync
    from . import time as gtime

    global _sleep_wake
    _sleep_wake = gtime._wake

    def patch(cls: Any, name: str, make: Callable[[Any], Any]) -> None:
        orig = cls.__dict__[name]
        d.patches.append((cls, name, orig))
        setattr(cls, name, make(orig))

    def after_acquire(obj_of: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def make(orig: Any) -> Any:
            def w(self: Any, *a: Any, **k: Any) -> Any:
                r = orig(self, *a, **k)
                act = _active
                if act is not None:
                    act.acq(obj_of(self))
                return r
            return w
        return make

    def before_release(obj_of: Callable[[Any], Any], store: bool = False,
                       ) -> Callable[[Any], Any]:
        def make(orig: Any) -> Any:
            def w(self: Any, *a: Any, **k: Any) -> Any:
                act = _active
                if act is not None:
                    act.rel(obj_of(self), store)
                return orig(self, *a, **k)
            return w
        return make

    def both(orig: Any) -> Any:
        def w(self: Any, *a: Any, **k: Any) -> Any:
            act = _active
            if act is not None:
                act.acqrel(self)
            r = orig(self, *a, **k)
            if act is not None:
                act.acq(self)
            return r
        return w

    def try_acquire(obj_of: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def make(orig: Any) -> Any:
            def w(self: Any, *a: Any, **k: Any) -> Any:
                r = orig(self, *a, **k)
                act = _active
                if r and act is not None:
                    act.acq(obj_of(self))
                return r
            return w
        return make

    def me(o: Any) -> Any:
        return o

    # Mutex: unlock releases (store), lock acquires (Go's internal/sync/mutex.go).
    patch(sync.Mutex, "lock", after_acquire(me))
    patch(sync.Mutex, "__enter__", after_acquire(me))
    patch(sync.Mutex, "try_lock", try_acquire(me))
    patch(sync.Mutex, "unlock", before_release(me, True))
    patch(sync.Mutex, "__exit__", before_release(me, True))
    # RWMutex (sync/rwmutex.go): readers acquire readerSem, merge into writerSem;
    # the writer acquires both and release-stores readerSem.
    def rs(o: Any) -> Any:
        return ("rs", id(o))

    def ws(o: Any) -> Any:
        return ("ws", id(o))

    patch(sync.RWMutex, "rlock", after_acquire(rs))
    patch(sync.RWMutex, "try_rlock", try_acquire(rs))
    patch(sync.RWMutex, "runlock", before_release(ws))

    def rw_lock(orig: Any) -> Any:
        def w(self: Any) -> None:
            orig(self)
            act = _active
            if act is not None:
                act.acq(("rs", id(self)))
                act.acq(("ws", id(self)))
        return w

    def rw_trylock(orig: Any) -> Any:
        def w(self: Any) -> bool:
            r: bool = orig(self)
            act = _active
            if r and act is not None:
                act.acq(("rs", id(self)))
                act.acq(("ws", id(self)))
            return r
        return w

    patch(sync.RWMutex, "lock", rw_lock)
    patch(sync.RWMutex, "try_lock", rw_trylock)
    patch(sync.RWMutex, "unlock", before_release(rs, True))
    d.keep.extend([rs, ws])

    # WaitGroup (sync/waitgroup.go): done merges into wg, wait acquires it; the first
    # add from zero reads wg.sema, a wait that blocks first writes it.
    def wg_add(orig: Any) -> Any:
        def w(self: Any, delta: int) -> None:
            act = _active
            if act is not None:
                if isinstance(delta, int) and delta < 0:
                    act.rel(self)
                elif isinstance(delta, int) and delta > 0 and self._n == 0 and act.race:
                    _wg_sema(act, self, False)
            orig(self, delta)
        return w

    def wg_done(orig: Any) -> Any:
        def w(self: Any) -> None:
            act = _active
            if act is not None:
                act.rel(self)
            orig(self)
        return w

    def wg_wait(orig: Any) -> Any:
        def w(self: Any) -> None:
            act = _active
            if act is not None and self._n != 0 and self._w == 0 and act.race:
                _wg_sema(act, self, True)
            orig(self)
            act = _active
            if act is not None:
                act.acq(self)
        return w

    patch(sync.WaitGroup, "add", wg_add)
    patch(sync.WaitGroup, "done", wg_done)
    patch(sync.WaitGroup, "wait", wg_wait)

    # Once: the end of f before every do returns.
    def once_do(orig: Any) -> Any:
        def w(self: Any, f: Callable[[], Any]) -> None:
            def run() -> Any:
                try:
                    return f()
                finally:
                    act = _active
                    if act is not None:
                        act.rel(self)
            orig(self, run)
            act = _active
            if act is not None:
                act.acq(self)
        return w

    patch(sync.Once, "do", once_do)
    # sync.Map, atomics, semaphore.Weighted: each operation is ordered with the others.
    for name in ("load", "store", "load_or_store", "load_and_delete", "delete", "swap",
                 "compare_and_swap", "compare_and_delete", "range", "clear"):
        if name in sync.Map.__dict__:
            patch(sync.Map, name, both)
    for cls in (atomic._Int, atomic.Bool, atomic.Value):
        for name in ("load", "store", "swap", "compare_and_swap", "add", "and_", "or_"):
            if name in cls.__dict__:
                patch(cls, name, both)
    for name in ("acquire", "try_acquire", "release"):
        patch(semaphore.Weighted, name, both)
    # Contexts: cancel before done() and err() (Go's cancelCtx.mu).
    for ccls in (context._CancelCtx, context._TimerCtx, context._AfterFuncCtx):
        if "_cancel" in ccls.__dict__:
            patch(ccls, "_cancel", both)
    for name in ("done", "err"):
        patch(context._CancelCtx, name, both)


def _wg_sema(d: Detector, wg: Any, write: bool) -> None:
    f = sys._getframe(2)
    d.access(("wgsema", id(wg)), wg, write, (5, wg, None), f, False)


# --- start and stop ----------------------------------------------------------------------

class _CellRewriter(ast.NodeTransformer):
    """IPython's hook for the cells that follow ``reset(race=True)``: each is watched."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.ns = namespace

    def visit(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Module) and _active is not None:
            install_builtins()
            return rewrite(node, "<cell>", self.ns)
        return node


def _ipython_attach(d: Detector) -> None:
    """In IPython, watch the next cells (the top-level program's main goroutine), and
    say ``Found N data race(s)`` under a cell that raced."""
    ip_mod = sys.modules.get("IPython")
    if ip_mod is None:
        return
    ip = ip_mod.get_ipython()
    if ip is None:
        return
    tr = _CellRewriter(ip.user_ns)
    ip.ast_transformers.append(tr)
    seen = [0]

    def after(*_: Any) -> None:
        n = len(d.reports)
        if n > seen[0]:
            k = n - seen[0]
            seen[0] = n
            sys.stderr.write(f"Found {k} data race(s)\n")
            sys.stderr.flush()

    ip.events.register("post_run_cell", after)

    def detach() -> None:
        if tr in ip.ast_transformers:
            ip.ast_transformers.remove(tr)
        try:
            ip.events.unregister("post_run_cell", after)
        except ValueError:
            pass

    d.detach = detach
    d.instrument_namespace(ip.user_ns)


def _script_attach(d: Detector) -> None:
    """Outside IPython, the top-level program is the script that called ``reset``: watch
    the functions of its ``__main__``, say ``Found N data race(s)`` when the program ends
    (the next ``reset``, or the interpreter's exit, as Go says it when main returns), and
    warn once that the statements of the running module itself cannot be swapped."""
    main_mod = sys.modules.get("__main__")
    ns = getattr(main_mod, "__dict__", None)
    if isinstance(ns, dict):
        d.instrument_namespace(ns)
    f: types.FrameType | None = sys._getframe(1)
    while f is not None and not _rt.user_file(f.f_code.co_filename):
        f = f.f_back
    if f is not None and f.f_code.co_name == "<module>" and d.race:
        warnings.warn_explicit(
            "goconc.reset(race=True) watches the functions the script calls, not its "
            "top-level statements (their code is already running); to watch the whole "
            "program, put it in main() and call goconc.run(main, race=True)",
            RuntimeWarning, f.f_code.co_filename, f.f_lineno)

    def summary() -> None:
        n = len(d.reports)
        if n:
            sys.stderr.write(f"Found {n} data race(s)\n")
            sys.stderr.flush()

    atexit.register(summary)

    def detach() -> None:
        atexit.unregister(summary)
        summary()

    d.detach = detach


def start(sched: Any, main: Any, race: bool, preempt: bool) -> Detector:
    """Watch the program ``sched`` runs: swap in watched code, wrap the sync methods,
    install the hook. ``stop`` undoes it all."""
    global _active
    install_builtins()
    d = Detector(sched, race, preempt)
    d.prev_active = _active
    d.prev_hook = _rt.hook
    if _active is None:
        _wrap_methods(d)
    _active = d
    _rt.hook = d.hook
    if main is not None:
        d.instrument(main)
    elif sched.toplevel:
        _ipython_attach(d)
        if d.detach is None:
            _script_attach(d)
    return d


def stop(d: Detector) -> None:
    """Undo ``start``: the hook, the wrapped methods, the swapped code."""
    global _active
    if d.detach is not None:
        d.detach()
        d.detach = None
    if _rt.hook == d.hook:
        _rt.hook = d.prev_hook
    for cls, name, orig in reversed(d.patches):
        setattr(cls, name, orig)
    d.patches.clear()
    d.restore()
    if _active is d:
        _active = d.prev_active
    d.shadow.clear()
    d.sync.clear()
    d.slots.clear()
    d.keep.clear()
    _lines.clear()  # they keep the program's code objects alive
    _below.clear()  # and frames
    _user_codes.clear()


def finish(d: Detector) -> None:
    """After main returned: ``Found N data race(s)`` and DataRace, if races were found."""
    if d.reports:
        n = len(d.reports)
        msg = f"Found {n} data race(s)"
        sys.stderr.write(msg + "\n")
        sys.stderr.flush()
        raise DataRace(msg, d.reports)
