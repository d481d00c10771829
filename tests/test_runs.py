"""Run specs recovered from traces and the labels runs train on, on a few hundred real MNIST images."""

import numpy as np
import pytest

from netcore.data import shuffled_labels
from netcore.examples import subset
from netcore.runs import RunSpec, cached_run, training_labels, training_set


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


def test_shuffled_labels_are_the_same_for_a_spec_and_for_its_trace(few, tmp_path):
    spec = RunSpec(sizes=(784, 8, 10), epochs=1, seed=5, labels="shuffled")
    trace = cached_run(spec, few, cache_dir=tmp_path, progress=False)
    y = shuffled_labels(few.y_train, 5)
    np.testing.assert_array_equal(training_labels(spec, few), y)
    np.testing.assert_array_equal(training_set([trace], few)[1], y)
    np.testing.assert_array_equal(np.sort(y), np.sort(few.y_train))
    assert np.mean(y != few.y_train) > 0.5
    np.testing.assert_array_equal(training_labels(spec.with_(labels="true"), few), few.y_train)
