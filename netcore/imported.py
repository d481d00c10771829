"""Networks trained elsewhere: read their weights and biases, and make a trace of them.

A learner who trained the lesson's network with other code brings its weights here, and the scenes
replay it like any trace (``NETCORE_TRACE``). Three file layouts are read:

- an ``.npz`` of arrays named in layer order, ``W1, b1, W2, b2, ...`` (or ``w0, b0, ...``), or with
  PyTorch's names ending in ``.weight`` / ``.bias`` (``0.weight``, ``fc1.bias``), in the file's order,
  which is the order of a ``state_dict``:

  >>> np.savez("mine.npz", **{k: v.detach().numpy() for k, v in model.state_dict().items()})

- a pickle of the two lists ``(weights, biases)`` as the classic NumPy ``network.py`` keeps them
  (shapes ``(n_out, n_in)`` and ``(n_out, 1)``), from Python 2 or 3, gzipped or not. It is read with
  the unpickler that builds numpy arrays and nothing else (``mnist_files.ArraysOnlyUnpickler``), so a
  pickle that would run code, or build any other object, is refused;
- the JSON file of that book's ``network2.py`` (``sizes``, ``weights``, ``biases``, ``cost``).

Every weight matrix is ``(n_out, n_in)``, as in netcore and PyTorch, and biases are ``(n_out,)`` or
``(n_out, 1)``. The layers must chain from the data's 784 inputs to 10 outputs; a mismatch names the
array and both shapes. The file says nothing of how the hidden units fire or which cost was trained
on, so ``import_network`` takes those (default: the lesson's sigmoid and quadratic cost; the output
layer is sigmoid, as in every netcore network).

>>> weights, biases, names = read_weights("mine.npz")
>>> trace = import_network("mine.npz", load_mnist(), activation="relu")
>>> trace.save("mine-trace.npz")

The trace holds one snapshot (the imported parameters, with the full training cost and gradient
there) and no steps; its one evaluation (``epoch_*`` arrays at step 0) is the training and test
cost and accuracy on the data given. ``meta["method"]`` is ``"imported"`` and ``meta["imported"]``
names the file, its format and its sha256. Scenes that replay a training history say so for it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import pickle
import re
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .data import Dataset
from .errors import NetcoreError
from .mnist_files import ArraysOnlyUnpickler
from .network import Network
from .trace import Trace

__all__ = ["read_weights", "check_chain", "import_network", "is_imported", "IMPORTED", "N_INPUTS", "N_OUTPUTS"]

IMPORTED = "imported"  # meta["method"] of an imported trace
N_INPUTS, N_OUTPUTS = 784, 10

_NUMBERED = re.compile(r"^([wWbB])(\d+)$")  # W1, b1, ... or w0, b0, ...


def read_weights(path) -> tuple[list[np.ndarray], list[np.ndarray], list[tuple[str, str]], str]:
    """The weight matrices and bias vectors stored in ``path``, in layer order:
    ``(weights, biases, names, format)``. ``names[l]`` names layer l's two arrays as the file does
    (for error messages); ``format`` is ``"npz"``, ``"pickle"`` or ``"json"``. Shapes are not checked
    here (``check_chain`` does that)."""
    path = Path(path)
    if not path.is_file():
        raise NetcoreError("no such file" if not path.exists() else "is not a file", path)
    raw = path.read_bytes()
    if raw[:4] == b"PK\x03\x04" or path.suffix == ".npz":
        weights, biases, names = _from_npz(path)
        return weights, biases, names, "npz"
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as e:
            raise NetcoreError(f"corrupt gzip data ({e})", path) from None
    if raw.lstrip()[:1] == b"{":
        weights, biases, names = _from_json(raw, path)
        return weights, biases, names, "json"
    weights, biases, names = _from_pickle(raw, path)
    return weights, biases, names, "pickle"


def _from_npz(path: Path):
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except ValueError as e:
        if "allow_pickle" in str(e) or "Object arrays" in str(e):
            raise NetcoreError("holds object arrays (pickles), which are not read: save plain numeric arrays", path) from None
        raise NetcoreError(f"not a readable npz ({str(e).splitlines()[0][:80]})", path) from None
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error, KeyError) as e:
        raise NetcoreError(f"not a readable npz (truncated or corrupt: {str(e).splitlines()[0][:80]})", path) from None
    if not arrays:
        raise NetcoreError("holds no arrays", path)
    if "meta" in arrays and "snapshot_params" in arrays:
        raise NetcoreError("is already a netcore trace: use it as it is (NETCORE_TRACE)", path)
    torch = [k for k in arrays if k.endswith((".weight", ".bias"))]
    if torch:
        return _torch_layers(arrays, path)
    return _numbered_layers(arrays, path)


def _torch_layers(arrays: dict, path: Path):
    """PyTorch names: ``<layer>.weight`` and ``<layer>.bias``, layers in the order their weights appear."""
    other = [k for k in arrays if not k.endswith((".weight", ".bias"))]
    if other:
        raise NetcoreError(f"array {other[0]!r} is neither a '.weight' nor a '.bias' (only linear layers can be read)", path)
    layers = [k[:-len(".weight")] for k in arrays if k.endswith(".weight")]
    weights, biases, names = [], [], []
    for layer in layers:
        if layer + ".bias" not in arrays:
            raise NetcoreError(f"array {layer}.weight has no {layer}.bias", path)
        weights.append(arrays[layer + ".weight"])
        biases.append(arrays[layer + ".bias"])
        names.append((layer + ".weight", layer + ".bias"))
    lone = [k for k in arrays if k.endswith(".bias") and k[:-len(".bias")] not in layers]
    if lone:
        raise NetcoreError(f"array {lone[0]} has no {lone[0][:-len('.bias')]}.weight", path)
    return weights, biases, names


def _numbered_layers(arrays: dict, path: Path):
    """``W1, b1, W2, b2, ...`` (or from 0), either case."""
    found: dict[str, dict[int, str]] = {"w": {}, "b": {}}
    for key in arrays:
        m = _NUMBERED.match(key)
        if not m:
            raise NetcoreError(f"array {key!r} is not named W<n> / b<n> (nor <layer>.weight / <layer>.bias)", path)
        found[m.group(1).lower()][int(m.group(2))] = key
    numbers = sorted(found["w"])
    if not numbers:
        raise NetcoreError("holds no weight matrices (W1, W2, ...)", path)
    first = numbers[0]
    if first not in (0, 1) or numbers != list(range(first, first + len(numbers))):
        raise NetcoreError(f"weight matrices {', '.join(found['w'][n] for n in numbers)} are not numbered "
                           "1, 2, 3, ... (or 0, 1, 2, ...)", path)
    for n in numbers:
        if n not in found["b"]:
            raise NetcoreError(f"array {found['w'][n]} has no bias b{n}", path)
    extra = sorted(set(found["b"]) - set(numbers))
    if extra:
        raise NetcoreError(f"array {found['b'][extra[0]]} has no weight matrix W{extra[0]}", path)
    names = [(found["w"][n], found["b"][n]) for n in numbers]
    return [arrays[w] for w, _ in names], [arrays[b] for _, b in names], names


def _from_pickle(raw: bytes, path: Path):
    try:
        obj = ArraysOnlyUnpickler(io.BytesIO(raw), encoding="latin1").load()
    except pickle.UnpicklingError as e:
        if str(e).startswith("refusing"):
            raise NetcoreError(f"unsafe pickle ({e}); pickle the lists (net.weights, net.biases)", path) from None
        raise NetcoreError(f"not a readable pickle, npz or JSON file ({e})", path) from None
    except (EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError, MemoryError) as e:
        raise NetcoreError(f"not a readable pickle, npz or JSON file ({type(e).__name__})", path) from None
    if isinstance(obj, dict) and {"weights", "biases"} <= set(obj):
        obj = (obj["weights"], obj["biases"])
    if not (isinstance(obj, (tuple, list)) and len(obj) == 2 and all(isinstance(p, (list, tuple)) for p in obj)):
        raise NetcoreError(f"expected a pickled pair (weights, biases) of lists of arrays, found {_kind(obj)}", path)
    weights, biases = (list(p) for p in obj)
    if len(weights) != len(biases):
        raise NetcoreError(f"{len(weights)} weight matrices but {len(biases)} bias vectors", path)
    for part, arrays in (("weights", weights), ("biases", biases)):
        for i, a in enumerate(arrays):
            if not isinstance(a, np.ndarray):
                raise NetcoreError(f"{part}[{i}] is {_kind(a)}, not a numpy array", path)
    return weights, biases, [(f"weights[{i}]", f"biases[{i}]") for i in range(len(weights))]


def _from_json(raw: bytes, path: Path):
    """``network2.py``'s ``save``: ``{"sizes", "weights", "biases", "cost"}`` with nested lists."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise NetcoreError(f"not valid JSON ({str(e)[:80]})", path) from None
    if not (isinstance(obj, dict) and isinstance(obj.get("weights"), list) and isinstance(obj.get("biases"), list)):
        raise NetcoreError("expected a JSON object with 'weights' and 'biases' lists", path)
    weights, biases = [], []
    for part, source, out in (("weights", obj["weights"], weights), ("biases", obj["biases"], biases)):
        for i, value in enumerate(source):
            try:
                out.append(np.array(value, dtype=np.float64))
            except (TypeError, ValueError):
                raise NetcoreError(f"{part}[{i}] is not a rectangular array of numbers", path) from None
    if len(weights) != len(biases):
        raise NetcoreError(f"{len(weights)} weight matrices but {len(biases)} bias vectors", path)
    return weights, biases, [(f"weights[{i}]", f"biases[{i}]") for i in range(len(weights))]


def json_cost(path) -> str | None:
    """The cost a ``network2.py`` JSON file names (``"cross_entropy"`` or ``"quadratic"``), else None."""
    try:
        raw = Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        name = json.loads(raw.decode("utf-8")).get("cost", "")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError, AttributeError):
        return None
    return {"CrossEntropyCost": "cross_entropy", "QuadraticCost": "quadratic"}.get(name)


def _kind(obj) -> str:
    if isinstance(obj, (list, tuple)):
        return f"a {type(obj).__name__} of {len(obj)}"
    return f"a {type(obj).__name__}"


def check_chain(weights, biases, names, path=None, n_inputs: int = N_INPUTS, n_outputs: int = N_OUTPUTS):
    """The layer sizes ``(n_inputs, n1, ..., n_outputs)`` of these arrays, as float64 ``(W, b)`` lists
    (biases flattened), after checking that they chain: each ``W`` is 2-D with as many columns as the
    previous layer has neurons, its bias has one entry per row, and every number is finite.
    A mismatch raises one ``NetcoreError`` naming the array and both shapes."""
    if not weights:
        raise NetcoreError("holds no layers", path)
    sizes = [n_inputs]
    out_w, out_b = [], []
    for l, (W, b, (w_name, b_name)) in enumerate(zip(weights, biases, names)):
        W, b = np.asarray(W), np.asarray(b)
        for name, a in ((w_name, W), (b_name, b)):
            if a.dtype.kind not in "fiu":
                raise NetcoreError(f"array {name} holds {a.dtype} values, not numbers", path)
        if W.ndim != 2:
            raise NetcoreError(f"array {w_name} has shape {W.shape}, expected a matrix (n_out, {sizes[-1]})", path)
        n_out, n_in = W.shape
        if n_in != sizes[-1]:
            if l == 0 and n_out == n_inputs:  # (n_in, n_out), as Keras and ``x @ W`` code store it
                raise NetcoreError(f"array {w_name} has shape {W.shape}, expected ({n_in}, {n_out}): weights are "
                                   "stored (n_out, n_in) as in netcore and PyTorch; transpose it", path)
            coming = f"the {n_inputs} input pixels" if l == 0 else f"{names[l - 1][0]}'s {sizes[-1]} outputs"
            order = " (stored as (n_out, n_in), as in netcore and PyTorch)" if n_out == sizes[-1] else ""
            raise NetcoreError(f"array {w_name} has shape {W.shape}, expected ({n_out}, {sizes[-1]}) to take "
                               f"{coming}{order}", path)
        if b.shape not in ((n_out,), (n_out, 1)):
            raise NetcoreError(f"array {b_name} has shape {b.shape}, expected ({n_out},) or ({n_out}, 1) "
                               f"to match {w_name} {W.shape}", path)
        for name, a in ((w_name, W), (b_name, b)):
            bad = int(np.size(a) - np.count_nonzero(np.isfinite(a)))
            if bad:
                raise NetcoreError(f"array {name} holds {bad} values that are not finite (nan or inf)", path)
        sizes.append(n_out)
        out_w.append(W.astype(np.float64))
        out_b.append(b.reshape(n_out).astype(np.float64))
    if sizes[-1] != n_outputs:
        w_name = names[len(weights) - 1][0]
        raise NetcoreError(f"array {w_name} has shape {tuple(np.shape(weights[-1]))}: the last layer gives "
                           f"{sizes[-1]} outputs, expected {n_outputs} (one per digit)", path)
    return tuple(sizes), out_w, out_b


def import_network(path, data: Dataset, activation: str = "sigmoid", cost: str | None = None) -> Trace:
    """A trace of the network stored in ``path`` (see the module docstring), evaluated on ``data``.

    ``activation``: the hidden units' (``sigmoid`` or ``relu``). ``cost``: ``quadratic`` or
    ``cross_entropy``; default the one a ``network2.py`` JSON file names, else the lesson's quadratic.
    """
    from .train import Recording, train

    path = Path(path)
    weights, biases, names, fmt = read_weights(path)
    sizes, weights, biases = check_chain(weights, biases, names, path, n_inputs=data.x_train.shape[1])
    if cost is None:
        cost = (json_cost(path) if fmt == "json" else None) or "quadratic"
    net = Network(sizes, activation, cost, seed=0, init="normal")
    net.params = net.flatten(weights, biases)
    trace = train(net, data, epochs=0, record=Recording(snapshots=[0], per_epoch=False))
    with np.errstate(over="ignore"):  # a ReLU network given as sigmoid may saturate: its cost says so
        evaluation = {"epoch_steps": np.zeros(1, np.int64),
                      "epoch_train_cost": [net.cost(data.x_train, data.y_train)],
                      "epoch_train_accuracy": [net.accuracy(data.x_train, data.y_train)],
                      "epoch_test_cost": [net.cost(data.x_test, data.y_test)],
                      "epoch_test_accuracy": [net.accuracy(data.x_test, data.y_test)]}
    trace.arrays.update({k: np.asarray(v, dtype=np.int64 if k == "epoch_steps" else np.float64)
                         for k, v in evaluation.items()})
    trace.meta.update({  # train() wrote the rest (network, data, version)
        "method": IMPORTED,
        "hyperparameters": {"epochs": 0, "batch_size": None, "eta": None, "shuffle_seed": None},
        "imported": {"file": path.name, "format": fmt, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()},
        "snapshot_schedule": "imported", "steps_per_epoch": 0,
    })
    return trace


def is_imported(trace: Trace) -> bool:
    """Whether ``trace`` holds an imported network (one snapshot, no training history)."""
    return trace.meta.get("method") == IMPORTED
