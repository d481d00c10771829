"""Two processes that need the same cached run: one trains it, the other waits and loads its file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from mnist_fakes import SHARED_MNIST

from netcore.locks import cache_lock, lock_path

WORKER = textwrap.dedent("""
    import sys
    from netcore import load_mnist
    from netcore.data import Dataset
    from netcore.runs import RunSpec, cached_run

    d = load_mnist(sys.argv[1], quiet=True)
    small = Dataset(d.x_train[:300], d.y_train[:300], d.x_test[:100], d.y_test[:100],
                    {**d.description, "n_train": 300, "n_test": 100, "checksum": d.checksum + ":lock-test"})
    trace = cached_run(RunSpec(epochs=1, snapshots=1), small, name="shared", cache_dir=sys.argv[2], progress=True)
    print("final cost", repr(float(trace.step_cost[-1])))
""")


def start(cache):
    return subprocess.Popen([sys.executable, "-c", WORKER, str(SHARED_MNIST), str(cache)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_train_a_run_once(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    first, second = start(cache), start(cache)
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], [o[1][-500:] for o in outs]
    trained = [("training shared" in err) for _, err in outs]
    assert sum(trained) == 1, outs  # exactly one trained; the other loaded the file it wrote
    assert outs[0][0] == outs[1][0]  # the same trace
    assert len(list(cache.glob("shared-*.npz"))) == 1


def test_a_held_lock_makes_the_run_wait(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    # learn the file name from a first run, then delete the file and hold its lock
    probe = start(cache)
    probe.communicate(timeout=120)
    (path,) = cache.glob("shared-*.npz")
    path.unlink()
    with cache_lock(path):
        waiting = start(cache)
        time.sleep(3)  # far longer than the 1-epoch run on 300 images takes
        assert waiting.poll() is None and not path.exists()  # it waits for the lock
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and path.is_file() and "training shared" in err
    assert lock_path(path).is_file()
