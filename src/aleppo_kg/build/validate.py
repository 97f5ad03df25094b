"""Stage 4: SHACL validation against ``shapes/``, by one of two engines behind one interface.

A build that does not conform is refused: the caller gets the violations as
short readable lines (focus node, property, message), not an engine's report.
The graph's shapes are the default; the dataset description has its own file.

``pyshacl`` (pySHACL) is the reference engine; ``turbo`` (pyshacl-turbo, SHACL
compiled to Rust on Oxigraph's SPARQL crates) gives the same verdicts and the
same (focus node, shape) violations on every case of the tests
(``tests/test_engines.py``) about ten times faster, and the build uses it. An
engine is a function from the data and the shapes to (conforms, report graph),
so another engine is one more function. Where pyshacl-turbo cannot be imported
(it needs Python 3.11) the build falls back to pySHACL with a one-line notice.
In the build's own process the validating is done by a thread of its own
(:func:`validate_later`), beside the reading, merging and describing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from aleppo_kg.build.options import ENGINE_NAMES
from aleppo_kg.errors import InputError
from aleppo_kg.resources import shapes_file
from aleppo_kg.vocab import SH, WHOLE_GRAPH, XSD, new_graph

XSD_STRING = ox.NamedNode(str(XSD.string))

# What an engine validates: an rdflib graph, or N-Triples text (what the build holds).
Data = Graph | str
# An engine: the data, the shapes file and the focus nodes (None: all) -> (conforms, report).
Engine = Callable[[Data, Path, Sequence[URIRef] | None], tuple[bool, Graph]]


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable on its own."""

    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.shape}]"


def load_shapes(path: Path | None = None) -> Graph:
    """A shapes graph, by default the graph's (``shapes/aleppo-kg-shapes.ttl``)."""
    return _parsed(path or shapes_file())


@cache
def _parsed(path: Path) -> Graph:
    """Each shapes file parsed once per process, by Oxigraph's parser (twice as fast as
    rdflib's), into the rdflib graph both engines take, prefixes included."""
    graph = Graph()
    memo: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Node] = {}
    with path.open("rb") as source:
        parsed = ox.parse(source, format=ox.RdfFormat.TURTLE)
        try:
            for quad in parsed:
                terms = (quad.subject, quad.predicate, quad.object)
                graph.add(tuple(memo.get(t) or memo.setdefault(t, _rdflib_term(t)) for t in terms))
        except SyntaxError as error:
            raise InputError(f"{path}: not a Turtle shapes file ({error.msg})") from None
        prefixes = parsed.prefixes
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    return graph


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """An Oxigraph term as rdflib writes it (a plain literal has no datatype there)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def validate_graph(
    data: Data,
    focus: Sequence[URIRef] | None = None,
    shapes: Path | None = None,
    engine: str = "pyshacl",
) -> list[Violation]:
    """Every violation of the shapes in ``data``, sorted; empty when it conforms.

    ``data`` is an rdflib graph or N-Triples text. ``focus`` limits the check to
    those resources (the rest of the graph is only there to be looked up: the
    classes and schemes of their values). ``shapes`` is another shapes file than
    the graph's; ``engine`` one of :data:`ENGINES`.
    """
    path = shapes or shapes_file()
    conforms, report = ENGINES[usable(engine)](data, path, focus)
    if conforms:
        return []
    names = data.namespace_manager if isinstance(data, Graph) else _prefixes()
    return sorted(_violations(report, names, load_shapes(path)), key=str)


# pySHACL parses its SPARQL with pyparsing, which two threads cannot share: its validations
# take turns. pyshacl-turbo's run side by side (the graph's beside the description's), and
# give the same violations as one after the other (tests/test_engines.py).
_PYSHACL_ALONE = threading.Lock()

# A graph's violations: found, or being found by a thread beside the caller (validate_later).
Verdict = tuple[Violation, ...] | Future[list[Violation]]


def validate_later(text: str, engine: str) -> Future[list[Violation]]:
    """:func:`validate_graph` of N-Triples ``text`` in a thread beside the caller.

    The compiled engine releases the GIL while it validates, so on a second core
    the build maps its next batch, merges and describes meanwhile instead of
    waiting; a verdict is awaited only where it decides something
    (:func:`settled`). One thread: the batches' verdicts come in their order.
    """
    return _beside().submit(validate_graph, text, engine=engine)


def prepare(engine: str, *shapes: Path) -> None:
    """Compile ``shapes`` in the validating thread before the first graph comes to it: the
    compiler's native half then runs beside the articles' reading, not after it."""
    if usable(engine) == "turbo":
        for path in shapes:
            _beside().submit(_compiled, path)


def settled(verdict: Verdict) -> tuple[Violation, ...]:
    """The violations of a verdict, waiting for its thread if it is still validating."""
    return verdict if isinstance(verdict, tuple) else tuple(verdict.result())


@cache
def _beside() -> ThreadPoolExecutor:
    """The one validating thread of a process, started when first needed."""
    return ThreadPoolExecutor(1, thread_name_prefix="aleppo-kg-validate")


@cache
def usable(engine: str) -> str:
    """``engine``, or pySHACL where pyshacl-turbo cannot be imported (said once, on stderr)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "turbo":
        try:
            import pyshacl_turbo  # noqa: F401
        except ImportError as error:
            print(
                f"aleppo-kg: notice: pyshacl-turbo cannot be imported ({error}); "
                "validating with pySHACL",
                file=sys.stderr,
            )
            return "pyshacl"
    return engine


def _pyshacl(data: Data, shapes: Path, focus: Sequence[URIRef] | None) -> tuple[bool, Graph]:
    """pySHACL, the reference: it reads an rdflib graph (text is parsed into one first)."""
    from pyshacl import validate  # imported when used: a build with turbo never needs it

    if isinstance(data, str):
        data = new_graph().parse(data=data, format="nt")
    with _PYSHACL_ALONE:
        conforms, report, _ = validate(
            data,
            shacl_graph=load_shapes(shapes),
            inference="none",
            advanced=False,
            allow_warnings=True,
            focus_nodes=None if focus is None else list(focus),
        )
    return conforms, report


def _turbo(data: Data, shapes: Path, focus: Sequence[URIRef] | None) -> tuple[bool, Graph]:
    """pyshacl-turbo with the shapes compiled once per process; text goes to Rust unparsed."""
    if isinstance(data, str):
        data = _turbo_text(data)
    conforms, report, _ = _compiled(shapes).validate(
        data, allow_warnings=True, focus_nodes=None if focus is None else list(focus)
    )
    return conforms, report


def _turbo_text(text: str):  # -> pyshacl_turbo.Input, or an rdflib graph
    """N-Triples text as pyshacl-turbo reads it fastest.

    Its public text input is first parsed into an rdflib graph (7x slower); ``Input``, its
    own carrier of text for the native parser, is not documented (the version is pinned in
    pyproject.toml, and tests/test_engines.py covers this path). Should a release drop it,
    the text goes the public way, as an rdflib graph.
    """
    try:
        from pyshacl_turbo import Input
    except ImportError:
        return Graph().parse(data=text, format="nt")
    return Input(text, "nt", None, {})


@cache
def _compiled(shapes: Path):  # -> pyshacl_turbo.CompiledShapes, imported only when used
    """The shapes file compiled by pyshacl-turbo, once per process."""
    from pyshacl_turbo import compile_shapes

    return compile_shapes(load_shapes(shapes))


ENGINES: dict[str, Engine] = dict(zip(ENGINE_NAMES, (_pyshacl, _turbo), strict=True))


@cache
def _prefixes() -> NamespaceManager:
    """The project's prefixes, to shorten the nodes of a report on N-Triples text."""
    return new_graph().namespace_manager


def _node_shape(source, shapes: Graph) -> str:
    """The named node shape a result comes from (a property shape's owner), without namespace."""
    owner = shapes.value(predicate=SH.property, object=source) or source
    return str(owner).rsplit("#", 1)[-1]


def _parameter(component) -> URIRef:
    """A core constraint component's parameter: sh:MaxCountConstraintComponent -> sh:maxCount."""
    name = str(component).removeprefix(str(SH)).removesuffix("ConstraintComponent")
    return URIRef(str(SH) + name[:1].lower() + name[1:])


def _as_in_shapes(node, shapes: Graph) -> str:
    """A constraint's setting as the shapes file writes it: ``1``, ``xsd:date``, ``akgsh:X``."""
    return str(node) if isinstance(node, Literal) else node.n3(shapes.namespace_manager)


def _violations(report: Graph, names: NamespaceManager, shapes: Graph) -> list[Violation]:
    def short(node) -> str:
        return "" if node is None else node.n3(names)

    def focus(result) -> str:
        """The node at fault: a whole-graph check names it as the result's value."""
        node = report.value(result, SH.focusNode)
        return short(report.value(result, SH.value) if node == WHOLE_GRAPH else node)

    def message(result) -> str:
        """The shape's own sh:message, else the constraint that failed (``sh:maxCount 1``).

        Each engine words its own messages; the constraint reads the same whatever the engine.
        """
        source = report.value(result, SH.sourceShape)
        parameter = _parameter(report.value(result, SH.sourceConstraintComponent))
        setting = shapes.value(source, parameter)
        if setting is None or (source, SH.message, None) in shapes:  # SPARQL: its own message
            return str(report.value(result, SH.resultMessage) or "violation")
        written = _as_in_shapes(setting, shapes)
        if parameter == SH["in"]:
            written = (
                f"({' '.join(_as_in_shapes(item, shapes) for item in Collection(shapes, setting))})"
            )
        return f"violates {_as_in_shapes(parameter, shapes)} {written}"

    return [
        Violation(
            shape=_node_shape(report.value(result, SH.sourceShape), shapes),
            focus=focus(result),
            path=short(report.value(result, SH.resultPath)),
            message=message(result),
        )
        for result in report.subjects(SH.resultSeverity, SH.Violation)
    ]
