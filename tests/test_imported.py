"""``netcore import``: networks trained elsewhere, from the files other programs write.

Every weight file here is built by the test itself: ``.npz`` in both numberings and with PyTorch's
names, pickles as Python 2 and Python 3 write them (gzipped or not), ``network2.py``'s JSON, and bad
ones (a pickle that would run code, mismatched shapes, non-finite numbers). The imported trace's
accuracy is checked against a forward pass written out here with numpy.
"""

from __future__ import annotations

import gzip
import json
import pickle
import struct

import numpy as np
import pytest

from netcore import Network, Recording, Trace, train
from netcore.cli import main
from netcore.errors import NetcoreError
from netcore.imported import import_network, is_imported, read_weights


@pytest.fixture(scope="module")
def trained(small_data):
    """A 784-16-10 sigmoid network trained for ten epochs: its weights and biases as lists."""
    net = Network((784, 16, 10), seed=3)
    train(net, small_data, epochs=10, batch_size=10, eta=3.0, record=Recording(snapshots=[0]))
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def numpy_accuracy(weights, biases, x, y, activation="sigmoid") -> float:
    """The share of images whose largest output is the label, by a forward pass written out here."""
    a = np.asarray(x, dtype=np.float64)
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = a @ np.asarray(w, dtype=np.float64).T + np.ravel(b)
        last = l == len(weights) - 1
        a = 1 / (1 + np.exp(-z)) if last or activation == "sigmoid" else np.maximum(z, 0)
    return float(np.mean(a.argmax(axis=1) == y))


# --- the files other programs write -----------------------------------------------------------------
def py2_array(a: np.ndarray) -> bytes:
    """The pickle opcodes Python 2's cPickle (protocol 2) writes for a float64 numpy array: the data and
    the dtype's codes are byte strings (SHORT_BINSTRING / BINSTRING), which Python 3 never writes."""
    a = np.ascontiguousarray(a, dtype="<f8")

    def string(s: bytes) -> bytes:
        return (b"U" + bytes([len(s)]) if len(s) < 256 else b"T" + struct.pack("<i", len(s))) + s

    def integer(n: int) -> bytes:
        return b"K" + bytes([n]) if 0 <= n < 256 else b"J" + struct.pack("<i", n)

    shape = b"(" + b"".join(integer(n) for n in a.shape) + b"t"
    dtype = (b"cnumpy\ndtype\n" + string(b"f8") + integer(0) + integer(1) + b"\x87R"
             + b"(" + integer(3) + string(b"<") + b"NNN" + integer(-1) + integer(-1) + integer(0) + b"tb")
    return (b"cnumpy.core.multiarray\n_reconstruct\n" + b"cnumpy\nndarray\n" + integer(0) + b"\x85"
            + string(b"b") + b"\x87R" + b"(" + integer(1) + shape + dtype + b"\x89" + string(a.tobytes()) + b"tb")


def py2_pickle(weights, biases) -> bytes:
    """``cPickle.dump((weights, biases), f, 2)`` as Python 2 writes it (lists of arrays in a pair)."""
    def as_list(arrays):
        return b"]" + b"(" + b"".join(py2_array(a) for a in arrays) + b"e"

    return b"\x80\x02" + as_list(weights) + as_list(biases) + b"\x86" + b"."


def nielsen_shapes(weights, biases):
    """As the book's network.py keeps them: biases are columns (n_out, 1)."""
    return [w.copy() for w in weights], [b.reshape(-1, 1).copy() for b in biases]


class RunsCode:
    """What a malicious pickle builds: a call of os.system."""

    def __reduce__(self):
        import os

        return os.system, ("echo pwned > pwned.txt",)


# --- reading each layout ------------------------------------------------------------------------------
@pytest.mark.parametrize("naming", ["W1", "w0", "torch"])
def test_npz_namings(tmp_path, trained, small_data, naming):
    weights, biases = trained
    if naming == "W1":
        arrays = {**{f"W{i + 1}": w for i, w in enumerate(weights)}, **{f"b{i + 1}": b for i, b in enumerate(biases)}}
    elif naming == "w0":
        arrays = {**{f"w{i}": w for i, w in enumerate(weights)}, **{f"b{i}": b for i, b in enumerate(biases)}}
    else:  # a state_dict's order: fc1.weight, fc1.bias, out.weight, out.bias
        arrays = {}
        for name, w, b in zip(("fc1", "out"), weights, biases):
            arrays[f"{name}.weight"], arrays[f"{name}.bias"] = w.astype(np.float32), b.astype(np.float32)
    path = tmp_path / "mine.npz"
    np.savez(path, **arrays)
    trace = import_network(path, small_data)
    expected = numpy_accuracy([np.asarray(arrays[k]) for k in arrays if k.lower().startswith("w") or "weight" in k],
                              [np.asarray(arrays[k]) for k in arrays if k.startswith("b") or "bias" in k],
                              small_data.x_test, small_data.y_test)
    assert trace.final_test_accuracy == pytest.approx(expected, abs=1e-12)
    assert trace.final_test_accuracy > 0.5  # a trained network, not noise
    assert trace.meta["network"]["sizes"] == [784, 16, 10] and is_imported(trace)
    assert trace.n_steps == 0 and list(trace.snapshot_steps) == [0]


@pytest.mark.parametrize("writer", ["py2", "py2-gz", "py3-gz", "py3-protocol5", "dict"])
def test_pickles(tmp_path, trained, small_data, writer):
    weights, biases = nielsen_shapes(*trained)
    path = tmp_path / ("net.pkl.gz" if writer.endswith("gz") else "net.pkl")
    if writer.startswith("py2"):
        raw = py2_pickle(weights, biases)
        assert b"_codecs" not in raw  # byte strings as Python 2 writes them
    elif writer == "dict":
        raw = pickle.dumps({"weights": weights, "biases": biases}, protocol=4)
    else:
        raw = pickle.dumps((weights, biases), protocol=5 if writer.endswith("5") else 2)
    path.write_bytes(gzip.compress(raw) if path.suffix == ".gz" else raw)
    read_w, read_b, names, fmt = read_weights(path)
    assert fmt == "pickle" and names[1] == ("weights[1]", "biases[1]")
    for got, want in zip(read_w + read_b, weights + biases):
        np.testing.assert_array_equal(got, want)
    trace = import_network(path, small_data)
    assert trace.final_test_accuracy == pytest.approx(
        numpy_accuracy(weights, biases, small_data.x_test, small_data.y_test), abs=1e-12)
    net = trace.network(-1)
    np.testing.assert_array_equal(net.biases[0], biases[0].ravel())


def test_network2_json_names_its_cost(tmp_path, trained, small_data):
    weights, biases = nielsen_shapes(*trained)
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"sizes": [784, 16, 10], "weights": [w.tolist() for w in weights],
                                "biases": [b.tolist() for b in biases], "cost": "CrossEntropyCost"}))
    trace = import_network(path, small_data)
    assert trace.meta["network"]["cost"] == "cross_entropy" and trace.meta["imported"]["format"] == "json"
    net = Network((784, 16, 10), cost="cross_entropy", params=trace.snapshot_params[0])
    assert trace.epoch_test_cost[0] == pytest.approx(net.cost(small_data.x_test, small_data.y_test), rel=1e-12)


def test_relu_and_the_evaluation(tmp_path, trained, small_data):
    weights, biases = trained
    path = tmp_path / "relu.npz"
    np.savez(path, W1=weights[0] * 0.1, b1=biases[0], W2=weights[1], b2=biases[1])
    trace = import_network(path, small_data, activation="relu")
    assert trace.meta["network"]["activation"] == "relu"
    assert trace.final_test_accuracy == pytest.approx(numpy_accuracy(
        [weights[0] * 0.1, weights[1]], biases, small_data.x_test, small_data.y_test, "relu"), abs=1e-12)
    net = trace.network(0)
    cost, grad = net.cost_and_gradient(small_data.x_train, small_data.y_train)[:2]
    assert trace.snapshot_cost[0] == pytest.approx(cost, rel=1e-12)
    np.testing.assert_allclose(trace.snapshot_grad[0], grad, rtol=1e-10, atol=1e-14)
    assert trace.epoch_train_accuracy[0] == pytest.approx(net.accuracy(small_data.x_train, small_data.y_train))


# --- the command line ---------------------------------------------------------------------------------
def test_cli_writes_a_trace_that_loads(tmp_path, trained, capsys, monkeypatch):
    from mnist_fakes import write_idx_folder

    data_dir = tmp_path / "mnist"
    data_dir.mkdir()
    write_idx_folder(data_dir, n_train=60, n_test=30)
    weights, biases = trained
    src, out = tmp_path / "mine.npz", tmp_path / "trace.npz"
    np.savez(src, W1=weights[0], b1=biases[0], W2=weights[1], b2=biases[1])
    assert main(["import", str(src), "--data", str(data_dir), "--activation", "relu",
                 "--cost", "cross_entropy", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "784-16-10 relu network" in said and "test accuracy" in said
    trace = Trace.load(out)
    assert trace.meta["network"]["cost"] == "cross_entropy" and trace.meta["imported"]["file"] == "mine.npz"
    assert main(["info", str(out)]) == 0
    assert "imported from mine.npz" in capsys.readouterr().out


def bad_files(tmp_path, weights, biases):
    """(file, words the one-line error must hold) for each way a weight file can be wrong."""
    w1, w2 = weights
    b1, b2 = biases
    cases = []

    def npz(name, words, **arrays):
        path = tmp_path / name
        np.savez(path, **arrays)
        cases.append((path, words))

    npz("transposed.npz", ["W1", "(784, 16)", "(16, 784)", "transpose"], W1=w1.T, b1=b1, W2=w2, b2=b2)
    npz("chain.npz", ["W2", "(10, 15)", "(10, 16)"], W1=w1, b1=b1, W2=w2[:, :15], b2=b2)
    npz("bias.npz", ["b1", "(15,)", "(16,)"], W1=w1, b1=b1[:15], W2=w2, b2=b2)
    npz("outputs.npz", ["W1", "16 outputs", "expected 10"], W1=w1, b1=b1)
    npz("inputs.npz", ["W1", "(16, 100)", "(16, 784)", "784 input pixels"], W1=w1[:, :100], b1=b1, W2=w2, b2=b2)
    npz("nan.npz", ["W2", "not finite"], W1=w1, b1=b1, W2=np.where(w2 > 1, np.nan, w2), b2=b2)
    npz("inf.npz", ["b1", "not finite"], W1=w1, b1=np.full_like(b1, np.inf), W2=w2, b2=b2)
    npz("nobias.npz", ["W2", "b2"], W1=w1, b1=b1, W2=w2)
    npz("gap.npz", ["numbered"], W1=w1, b1=b1, W3=w2, b3=b2)
    npz("names.npz", ["'kernel'"], W1=w1, b1=b1, kernel=w2)
    npz("strings.npz", ["W1", "not numbers"], W1=np.array(["a", "b"]), b1=b1)
    np.savez(tmp_path / "objects.npz", W1=np.array([w1, None], dtype=object), b1=b1)
    cases.append((tmp_path / "objects.npz", ["object arrays"]))
    (tmp_path / "evil.pkl").write_bytes(pickle.dumps(RunsCode()))
    cases.append((tmp_path / "evil.pkl", ["refusing to build", "system"]))
    (tmp_path / "evil.pkl.gz").write_bytes(gzip.compress(pickle.dumps(([RunsCode()], [b1]), protocol=2)))
    cases.append((tmp_path / "evil.pkl.gz", ["refusing to build"]))
    (tmp_path / "net.pkl").write_bytes(pickle.dumps(Network((784, 16, 10)).params.tolist()))
    cases.append((tmp_path / "net.pkl", ["(weights, biases)"]))
    (tmp_path / "truncated.pkl").write_bytes(pickle.dumps(([w1], [b1]))[:500])
    cases.append((tmp_path / "truncated.pkl", ["not a readable"]))
    (tmp_path / "lists.pkl").write_bytes(pickle.dumps(([w1, w2], [b1])))
    cases.append((tmp_path / "lists.pkl", ["2 weight matrices but 1 bias"]))
    cases.append((tmp_path / "missing.npz", ["no such file"]))
    return cases


def test_bad_files_get_one_line_and_status_2(tmp_path, trained, capsys, monkeypatch):
    from mnist_fakes import write_idx_folder

    data_dir = tmp_path / "mnist"
    data_dir.mkdir()
    write_idx_folder(data_dir, n_train=20, n_test=10)
    monkeypatch.chdir(tmp_path)  # where the malicious pickle would write
    for path, words in bad_files(tmp_path, *trained):
        out = tmp_path / "out.npz"
        assert main(["import", str(path), "--data", str(data_dir), "--out", str(out)]) == 2, path.name
        err = capsys.readouterr().err.strip().splitlines()
        line = err[-1]
        assert line.startswith(f"netcore: error: {path}: "), line
        assert "Traceback" not in "\n".join(err)
        for word in words:
            assert word in line, (path.name, line)
        assert not out.exists()
    assert not (tmp_path / "pwned.txt").exists()


def test_a_trace_is_not_imported_again(tmp_path, trained, small_data):
    weights, biases = trained
    src = tmp_path / "mine.npz"
    np.savez(src, W1=weights[0], b1=biases[0], W2=weights[1], b2=biases[1])
    import_network(src, small_data).save(tmp_path / "trace.npz")
    with pytest.raises(NetcoreError, match="already a netcore trace"):
        import_network(tmp_path / "trace.npz", small_data)
