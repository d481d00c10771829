"""How long a landscape takes: a 101x101 grid of the true training cost over 10,000 MNIST images.

Trains two quick full-batch runs from the same start (not timed), then times ``build_landscape`` (first
layer precomputed, grid, projections) and reports the median of several repeats, the CPU time, and the
peak memory (tracemalloc's peak of numpy/Python allocations during one build, and the process's peak
resident size). Target: under 10 s and under 1 GB on the 2-core development machine.

    .venv/bin/python benchmarks/landscape_speed.py [--data ../shared/mnist] [--resolution 101]
        [--repeats 3] [--dtype float32|float64] [--workers 2]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from netcore import load_mnist
from netcore.affine_cost import default_workers
from netcore.landscape import build_landscape
from netcore.runs import RunSpec, train_spec


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "mnist"))
    p.add_argument("--resolution", type=int, default=101)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--workers", type=int, default=None)
    args = p.parse_args(argv)

    data = load_mnist(args.data if Path(args.data).exists() else None)
    runs = [train_spec(RunSpec(method="full_batch", epochs=e, eta=eta, seed=0), data) for eta, e in ((3.0, 4), (1.0, 3))]
    workers = default_workers() if args.workers is None else args.workers
    print(f"data: {data.summary()}")
    print(f"grid: {args.resolution}x{args.resolution} points x {len(data.x_train):,} images, "
          f"{args.dtype}, {workers} worker thread(s)")

    walls, cpus = [], []
    for i in range(args.repeats):
        if i == 0:
            tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        land = build_landscape(runs, data, "three-point", args.resolution, dtype=args.dtype, workers=workers)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        if i == 0:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        print(f"  run {i + 1}: {walls[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"median: {statistics.median(walls):.2f} s wall ({statistics.median(cpus):.2f} s CPU)")
    print(f"peak memory: {peak / 2**20:.0f} MiB allocated during a build (tracemalloc), "
          f"{rss:.0f} MiB process peak resident")
    print(f"surface: cost {land.cost.min():.4f}..{land.cost.max():.4f}")


if __name__ == "__main__":
    main()
