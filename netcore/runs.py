"""Named, cached training runs: a run is described by its settings, stored under ``assets/traces/``
keyed by those settings, the data's checksum and the trace schema, trained on first request; and the
training labels and inputs a run (or a set of traces) minimised."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from .data import Dataset, load_mnist, shuffled_labels
from .errors import NetcoreError
from .locks import cache_lock
from .network import Network
from .records import SCHEMA_VERSION
from .trace import Trace
from .train import Recording, train


@dataclass(frozen=True)
class RunSpec:
    """Everything that determines a training run (given the data)."""

    sizes: tuple = (784, 16, 16, 10)
    activation: str = "sigmoid"
    cost: str = "quadratic"
    init: str = "normal"
    method: str = "sgd"
    epochs: int = 30
    batch_size: int = 10
    eta: float = 3.0
    seed: int = 0  # initial weights and the shuffling of mini-batches
    snapshots: object = "log"
    labels: str = "true"  # or "shuffled": training labels permuted by ``seed``
    batch_indices: bool = False

    def key(self, data: Dataset) -> str:
        spec = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}
        blob = json.dumps({"spec": spec, "data": data.checksum, "schema": SCHEMA_VERSION}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_(self, **changes) -> "RunSpec":
        return replace(self, **changes)

    @classmethod
    def from_trace(cls, trace: Trace, **changes) -> "RunSpec":
        """The RunSpec that reproduces ``trace``, with ``changes`` applied.

        From the trace's meta: the network (sizes, activation, cost, init, seed), the method, the
        hyperparameters (epochs, batch_size, eta) and the labels. ``snapshots``: the meta's
        ``snapshot_schedule`` when it is ``"log"`` or an interval; an explicit list of steps is
        recorded only as ``"explicit"`` and cannot be recovered (the snapshots' steps are what the list
        gave after 0 and the last step were added), so it is left at its default. ``batch_indices``:
        whether the trace holds them. The meta's ``batch_size`` is the width of the mini-batches
        actually used (all training images for ``full_batch``, at most the training set's size), so a
        full-batch spec comes back with that width in place of its ``batch_size``: the same training,
        another ``key``.
        """
        n, h = trace.meta["network"], trace.meta["hyperparameters"]
        schedule = trace.meta.get("snapshot_schedule")
        recovered = {"snapshots": schedule} if isinstance(schedule, (str, int)) and schedule != "explicit" else {}
        spec = cls(sizes=tuple(n["sizes"]), activation=n["activation"], cost=n["cost"], init=n["init"],
                   method=trace.meta["method"], epochs=h["epochs"], batch_size=h["batch_size"], eta=h["eta"],
                   seed=n["seed"], labels=trace.meta["data"].get("labels", "true"),
                   batch_indices="batch_indices" in trace.arrays, **recovered)
        return spec.with_(**changes)


LESSON = RunSpec()  # the lesson's run: 784-16-16-10, sigmoid, quadratic, batch 10, eta 3.0, 30 epochs


def training_labels(spec: RunSpec, data: Dataset) -> np.ndarray:
    if spec.labels == "true":
        return data.y_train
    if spec.labels == "shuffled":
        return shuffled_labels(data.y_train, spec.seed)
    raise ValueError(f"unknown labels {spec.labels!r}")


def check_trained_on(trace: Trace, data: Dataset) -> None:
    """A one-line ``NetcoreError`` unless ``trace`` was trained on ``data`` (by its checksum)."""
    if trace.meta["data"].get("checksum") != data.checksum:
        raise NetcoreError(f"trained on other data (checksum {str(trace.meta['data'].get('checksum'))[:12]}..., "
                           f"given data {data.checksum[:12]}...: pass the data the run was trained on)", trace.path)


def training_set(traces, data: Dataset):
    """The training inputs and labels the traces' runs minimised, after checking that ``data`` is the
    data they were trained on and that they share one network shape and cost."""
    traces = list(traces)
    if not traces:
        raise NetcoreError("no traces given")
    ref = traces[0]
    for t in traces:
        n0, n = ref.meta["network"], t.meta["network"]
        if [n["sizes"], n["activation"], n["cost"]] != [n0["sizes"], n0["activation"], n0["cost"]]:
            raise NetcoreError(f"network {n['sizes']} {n['activation']} {n['cost']} differs from the "
                               f"first trace's {n0['sizes']} {n0['activation']} {n0['cost']}", t.path)
        check_trained_on(t, data)
    labels = {t.meta["data"].get("labels", "true") for t in traces}
    seeds = {t.meta["hyperparameters"]["shuffle_seed"] for t in traces}
    if labels == {"true"}:
        y = data.y_train
    elif labels == {"shuffled"} and len(seeds) == 1:
        y = shuffled_labels(data.y_train, seeds.pop())
    else:
        raise NetcoreError(f"traces trained on different or unknown labels ({sorted(labels)}): "
                           "one landscape needs one cost function", ref.path)
    return np.asarray(data.x_train, dtype=np.float64), y


def train_spec(spec: RunSpec, data: Dataset, progress: bool = False) -> Trace:
    """Train the run a spec describes, from scratch."""
    net = Network(spec.sizes, spec.activation, spec.cost, spec.seed, spec.init)
    return train(net, data, spec.epochs, spec.batch_size, spec.eta, spec.method, spec.seed,
                 Recording(snapshots=spec.snapshots, batch_indices=spec.batch_indices), progress,
                 labels=training_labels(spec, data), labels_name=spec.labels)


def default_cache_dir() -> Path:
    """``NETCORE_CACHE``, else the project's ``assets/traces`` (when netcore runs from a checkout), else
    the user's cache folder."""
    if os.environ.get("NETCORE_CACHE"):
        return Path(os.environ["NETCORE_CACHE"]).expanduser()
    project = Path(__file__).resolve().parents[1] / "assets" / "traces"
    if project.parent.is_dir() and os.access(project.parent, os.W_OK):
        return project
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "netcore" / "traces"


def cached_run(spec: RunSpec = LESSON, data: Dataset | None = None, name: str = "run",
               cache_dir=None, progress: bool = True) -> Trace:
    """The trace of ``spec`` on ``data`` (default: ``load_mnist()``), from the cache or trained now."""
    data = data if data is not None else load_mnist()
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = folder / f"{name}-{spec.key(data)}.npz"
    if path.is_file():
        return Trace.load(path)
    with cache_lock(path):  # another process training the same run: wait for it, then load its file
        if path.is_file():
            return Trace.load(path)
        if progress:
            print(f"netcore: training {name} ({spec.method}, {spec.epochs} epochs) once; "
                  f"cached at {path}", file=sys.stderr)
        trace = train_spec(spec, data, progress)
        trace.save(path)
    return trace
