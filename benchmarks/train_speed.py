"""Training speed: netcore against a plain per-example loop of the same algorithm, side by side.

Prints samples per second (median of --repeats runs) at batch 10 and batch 100 for:
- a plain loop that backpropagates one example at a time (as the classic textbook code does),
- netcore's training steps with recording off (no per-epoch evaluation; only the step-0 and final
  snapshots, which every trace has),
- netcore's training steps with per-step records (every step's cost, gradient norm and mini-batch indices).
netcore's step rate is measured without the run's fixed cost: a run of 1 + E epochs minus a run of 1
epoch, so the two obligatory full-training-set snapshots (printed separately, in ms per run) cancel out.
Then, with --lesson, the lesson's whole 30-epoch run (batch 10) with recording off and with the default
recording (85 snapshots with the full training set's cost and gradient, and train/test evaluation after
every epoch), wall and CPU time (the recording runs on a second thread), and the time to save and load
its trace file.

Run: .venv/bin/python benchmarks/train_speed.py [--data ../shared/mnist] [--epochs 5] [--repeats 5] [--lesson]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

from netcore import load_mnist
from netcore.network import Network, targets
from netcore.schedule import epoch_batches
from netcore.train import Recording, train

ROOT = Path(__file__).resolve().parents[1]


def plain_loop(sizes, x, y, epochs, batch_size, eta, seed):
    """Mini-batch SGD with the lesson's quadratic cost, one example at a time (column vectors)."""
    net = Network(sizes, seed=seed)
    ws = [w.copy() for w in net.weights]
    bs = [b[:, None].copy() for b in net.biases]
    for _, idx in epoch_batches(len(x), batch_size, epochs, seed):
        gw = [np.zeros_like(w) for w in ws]
        gb = [np.zeros_like(b) for b in bs]
        for i in idx:
            a = x[i][:, None]
            acts = [a]
            for w, b in zip(ws, bs):
                a = expit(w @ a + b)
                acts.append(a)
            delta = 2.0 * (a - y[i][:, None]) * a * (1 - a)
            for l in range(len(ws) - 1, -1, -1):
                gw[l] += delta @ acts[l].T
                gb[l] += delta
                if l:
                    delta = (ws[l].T @ delta) * acts[l] * (1 - acts[l])
        for l in range(len(ws)):
            ws[l] -= eta / len(idx) * gw[l]
            bs[l] -= eta / len(idx) * gb[l]


def timed(fn, repeats):
    return timed_together({"": fn}, repeats)[""]


def timed_together(fns, repeats):
    """Median seconds of each function, the functions run in turn in every round (so a machine that
    speeds up or slows down during the benchmark affects them alike)."""
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(ts) for name, ts in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "mnist"))
    parser.add_argument("--epochs", type=int, default=5,
                        help="epochs timed (netcore: beyond a 1-epoch run; fewer make the difference noisy)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--lesson", action="store_true", help="also the lesson's run: recording off and default, "
                        "saving and loading")
    args = parser.parse_args()
    data = load_mnist(args.data)
    x = data.x_train.astype(np.float64)
    y = targets(data.y_train, 10)
    n = len(x) * args.epochs
    sizes = (784, 16, 16, 10)

    print(f"{len(x):,} training images; plain loop over {args.epochs} epoch(s), netcore's steps over "
          f"{args.epochs} epoch(s) beyond a 1-epoch run; median of {args.repeats}; samples/second")
    print(f"{'batch':>5} {'plain loop':>11} {'netcore off':>12} {'per-step':>10} "
          f"{'speed-up':>9} {'per-step cost':>14} {'fixed/run':>10}")
    for batch in (10, 100):
        def run(record, epochs):
            return lambda: train(Network(sizes, seed=0), data, epochs, batch, 3.0, seed=0, record=record)

        off, per_step = Recording(snapshots=[], per_epoch=False), \
            Recording(snapshots=[], per_epoch=False, batch_indices=True)
        t = timed_together({
            "plain": lambda: plain_loop(sizes, x, y, args.epochs, batch, 3.0, 0),
            "off short": run(off, 1), "off long": run(off, 1 + args.epochs),
            "per-step short": run(per_step, 1), "per-step long": run(per_step, 1 + args.epochs),
        }, args.repeats)
        plain = t["plain"]
        off = t["off long"] - t["off short"]  # the steps of args.epochs epochs, without the fixed cost
        per_step = t["per-step long"] - t["per-step short"]
        fixed = t["off short"] - off / args.epochs
        print(f"{batch:>5} {n / plain:>11,.0f} {n / off:>12,.0f} {n / per_step:>10,.0f} "
              f"{plain / off:>8.1f}x {per_step / off - 1:>13.1%} {fixed * 1000:>8.0f}ms")
    if args.lesson:
        lesson_run(data, sizes, max(args.repeats, 3))


def lesson_run(data, sizes, repeats):
    """The lesson's 30-epoch run (batch 10) with recording off and with the default recording, in turn
    in every round: wall and CPU seconds (the recording runs on a second thread); then saving and loading."""
    import tempfile

    from netcore.trace import Trace

    def run(name, record):
        def go():
            cpu = time.process_time()
            traces.append(train(Network(sizes, seed=0), data, 30, 10, 3.0, seed=0, record=record))
            cpus[name].append(time.process_time() - cpu)
        return name, go

    cpus, traces = {"off": [], "default": []}, []
    t = timed_together(dict([run("off", Recording(snapshots=[], per_epoch=False)), run("default", None)]), repeats)
    trace = traces[-1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lesson.npz"
        save = timed(lambda: trace.save(path), repeats)
        load = timed(lambda: Trace.load(path), max(repeats, 5))
        size = path.stat().st_size
    cpu_off, cpu_default = statistics.median(cpus["off"]), statistics.median(cpus["default"])
    print(f"lesson run, 30 epochs, {trace.n_steps:,} steps, median of {repeats}: {t['off']:.2f} s with recording "
          f"off, {t['default']:.2f} s with the default recording ({t['default'] / t['off'] - 1:+.0%} wall; CPU "
          f"{cpu_off:.2f} s and {cpu_default:.2f} s); {len(trace.snapshot_steps)} snapshots and "
          f"{len(trace.epoch_steps)} epoch evaluations; saving {save * 1000:.0f} ms, file {size / 1e6:.1f} MB, "
          f"loads in {load * 1000:.0f} ms")

if __name__ == "__main__":
    main()
