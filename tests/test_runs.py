"""Run specs recovered from traces, on a few hundred real MNIST images."""

import pytest

from netcore.examples import subset
from netcore.runs import RunSpec, cached_run


@pytest.fixture(scope="module")
def few(small_data):
    return subset(small_data, 300, 100)


@pytest.mark.parametrize("spec", [
    RunSpec(sizes=(784, 8, 10), epochs=1, seed=2),
    RunSpec(sizes=(784, 6, 5, 10), activation="relu", cost="cross_entropy", init="scaled", epochs=1,
            batch_size=32, eta=0.5, seed=4, snapshots=7, labels="shuffled", batch_indices=True),
])
def test_spec_from_trace_has_the_runs_key(spec, few, tmp_path):
    trace = cached_run(spec, few, cache_dir=tmp_path, progress=False)
    assert RunSpec.from_trace(trace) == spec
    assert RunSpec.from_trace(trace).key(few) == spec.key(few)
    assert RunSpec.from_trace(trace, labels="true", eta=1.0) == spec.with_(labels="true", eta=1.0)


def test_explicit_snapshot_steps_are_not_recovered(few, tmp_path):
    spec = RunSpec(sizes=(784, 8, 10), epochs=1, snapshots=[5, 10])
    trace = cached_run(spec, few, cache_dir=tmp_path, progress=False)
    assert trace.meta["snapshot_schedule"] == "explicit"
    assert RunSpec.from_trace(trace) == spec.with_(snapshots=RunSpec.snapshots)
