import json
import os

import numpy as np
import pytest

from netcore import NetcoreError
from netcore.cli import main
from netcore.runs import RunSpec, train_spec
from netcore.trace import Trace


@pytest.fixture(scope="module")
def trace(small_data):
    return train_spec(RunSpec(epochs=2, batch_size=25, snapshots=10), small_data)


def test_round_trip_with_plain_numpy(trace, tmp_path):
    path = trace.save(tmp_path / "t.npz")
    with np.load(path) as z:  # no netcore needed, no pickles
        meta = json.loads(str(z["meta"]))
        assert meta["kind"] == "trace" and meta["schema_version"] == 1
        assert meta["network"]["sizes"] == [784, 16, 16, 10] and meta["method"] == "sgd"
        assert meta["hyperparameters"] == {"epochs": 2, "batch_size": 25, "eta": 3.0, "shuffle_seed": 0}
        assert meta["data"]["checksum"] == trace.meta["data"]["checksum"]
        np.testing.assert_array_equal(z["snapshot_params"], trace.snapshot_params)
    again = Trace.load(path)
    for k, v in trace.arrays.items():
        np.testing.assert_array_equal(again.arrays[k], v)
    assert again.meta == json.loads(json.dumps(trace.meta))
    step = int(trace.snapshot_steps[3])
    net = again.network_at_step(step)
    np.testing.assert_array_equal(net.params, trace.snapshot_params[3])
    assert again.summary()["steps"] == 80 and len(again.epoch_test_accuracy) == 2


def test_interrupted_save_leaves_previous_file(trace, tmp_path, monkeypatch):
    path = trace.save(tmp_path / "t.npz")
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np.lib.format, "write_array", boom)
    with pytest.raises(KeyboardInterrupt):
        trace.save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["t.npz"]  # no temp file left behind


def corrupt_cases(good: bytes, tmp_path, trace):
    yield "truncated", good[: len(good) // 2]
    yield "garbage", b"this is not a trace"
    yield "empty", b""
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, a=np.arange(3))
    yield "foreign", foreign.read_bytes()
    meta = dict(trace.meta, schema_version=99)
    other = tmp_path / "future.npz"
    np.savez(other, meta=np.array(json.dumps(meta)), **trace.arrays)
    yield "future schema", other.read_bytes()
    shapes = tmp_path / "shapes.npz"
    np.savez(shapes, meta=np.array(json.dumps(trace.meta)), **dict(trace.arrays, snapshot_grad=np.zeros((2, 5))))
    yield "wrong shape", shapes.read_bytes()


def test_corrupt_files_get_one_line_errors(trace, tmp_path, capsys):
    good = trace.save(tmp_path / "good.npz").read_bytes()
    for name, content in corrupt_cases(good, tmp_path, trace):
        bad = tmp_path / "bad.npz"
        bad.write_bytes(content)
        with pytest.raises(NetcoreError) as err:
            Trace.load(bad)
        assert str(bad) in str(err.value) and "\n" not in str(err.value), name
        assert main(["info", str(bad)]) == 2
        out = capsys.readouterr()
        assert out.out == "" and len(out.err.strip().splitlines()) == 1, name
        assert "Traceback" not in out.err


def test_cli_train_info_evaluate(tmp_path, capsys, small_data, monkeypatch):
    data_dir = tmp_path / "mnist"
    data_dir.mkdir()
    from mnist_fakes import write_idx_folder  # small real-format files

    write_idx_folder(data_dir, n_train=200, n_test=50)
    out = tmp_path / "run.npz"
    assert main(["train", "--data", str(data_dir), "--epochs", "2", "--batch-size", "20",
                 "--sizes", "784,12,10", "--activation", "relu", "--cost", "cross_entropy",
                 "--eta", "0.5", "--snapshot-every", "5", "--out", str(out)]) == 0
    assert "test accuracy" in capsys.readouterr().out
    assert main(["info", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["steps"] == 20 and info["network"]["sizes"] == [784, 12, 10]
    assert info["network"]["activation"] == "relu" and info["snapshots"] == 5
    assert main(["evaluate", str(out), "--data", str(data_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n_test"] == 50 and 0 <= result["test_accuracy"] <= 1
    trace = Trace.load(out)
    assert result["test_accuracy"] == pytest.approx(trace.epoch_test_accuracy[-1])
    assert result["test_cost"] == pytest.approx(trace.epoch_test_cost[-1])


@pytest.mark.parametrize("argv", [
    ["train", "--out", "x.npz", "--sizes", "784,a"],
    ["train", "--out", "x.npz", "--method", "adam"],
    ["train"],
    ["train", "--out", "x.npz", "--data", "/no/such/folder"],
    ["train", "--out", "x.npz", "--eta", "-1", "--data", "/no/such/folder"],
    ["evaluate", "/no/such/trace.npz"],
    ["frobnicate"],
])
def test_cli_errors_are_one_line(argv, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("netcore: error:")
