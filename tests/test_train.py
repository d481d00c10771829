import numpy as np
import pytest

from netcore import NetcoreError
from netcore.network import Network
from netcore.runs import LESSON, RunSpec, cached_run, train_spec
from netcore.schedule import epoch_batches, snapshot_steps
from netcore.train import Recording, train


def test_full_batch_step_equals_mean_of_per_example_gradients(small_data):
    net = Network(seed=4)
    start = net.params
    per = net.per_example_gradients(small_data.x_train, small_data.y_train)
    trace = train(net, small_data, epochs=1, eta=0.7, method="full_batch")
    np.testing.assert_allclose(net.params, start - 0.7 * per.mean(axis=0), rtol=0, atol=1e-12)
    np.testing.assert_array_equal(trace.snapshot_steps, [0, 1])
    np.testing.assert_allclose(trace.snapshot_grad[0], per.mean(axis=0), atol=1e-14)


def test_sgd_steps_follow_the_recorded_minibatches(small_data):
    net = Network(seed=1)
    start = net.params
    trace = train(net, small_data, epochs=2, batch_size=100, eta=1.0, seed=7,
                  record=Recording(snapshots=1, batch_indices=True))
    batches = [idx for _, idx in epoch_batches(1000, 100, 2, seed=7)]
    np.testing.assert_array_equal(trace.batch_indices, np.array(batches))
    # replay the first two steps by hand
    replay = Network(seed=1)
    for idx in batches[:2]:
        replay.params = replay.params - 1.0 * replay.gradient(small_data.x_train[idx], small_data.y_train[idx])
    np.testing.assert_allclose(trace.snapshot_params[2], replay.params, atol=1e-12)
    np.testing.assert_array_equal(trace.snapshot_params[0], start)
    assert trace.n_steps == 20 and list(trace.epoch_steps) == [10, 20]
    # every step's recorded cost is the mini-batch cost at the parameters before the step
    assert trace.step_cost[5] == pytest.approx(
        Network(seed=1, params=trace.snapshot_params[5]).cost(small_data.x_train[batches[5]],
                                                              small_data.y_train[batches[5]]))
    # snapshot costs are full training costs
    assert trace.snapshot_cost[-1] == pytest.approx(net.cost(small_data.x_train, small_data.y_train))


def test_same_seed_same_trace_byte_for_byte(small_data, tmp_path):
    spec = RunSpec(epochs=2, batch_size=20, seed=3)
    a, b = train_spec(spec, small_data), train_spec(spec, small_data)
    assert a.arrays.keys() == b.arrays.keys()
    for k in a.arrays:
        np.testing.assert_array_equal(a.arrays[k], b.arrays[k], err_msg=k)
    assert (a.save(tmp_path / "a.npz").read_bytes() == b.save(tmp_path / "b.npz").read_bytes())
    c = train_spec(spec.with_(seed=4), small_data)
    assert not np.array_equal(a.snapshot_params[-1], c.snapshot_params[-1])


def test_divergence_is_recorded_not_raised(small_data, tmp_path):
    net = Network((784, 16, 10), "relu", "cross_entropy", seed=0)
    trace = train(net, small_data, epochs=3, batch_size=50, eta=1e300, record=Recording(snapshots=1))
    assert trace.diverged and trace.meta["diverged_at_step"] == trace.n_steps - 1
    assert not np.isfinite(trace.step_cost[-1]) or not np.isfinite(trace.step_grad_norm[-1])
    assert np.all(np.isfinite(trace.step_cost[:-1]))
    path = trace.save(tmp_path / "diverged.npz")
    from netcore.trace import Trace

    again = Trace.load(path)
    assert again.diverged and again.n_steps == trace.n_steps


def test_snapshot_schedules():
    log = snapshot_steps(30000, "log", 1000)
    assert log[0] == 0 and log[-1] == 30000 and set(range(0, 30001, 1000)) <= set(log)
    assert 60 < len(log) < 120
    np.testing.assert_array_equal(snapshot_steps(10, 4), [0, 4, 8, 10])
    np.testing.assert_array_equal(snapshot_steps(10, [3, 3, 99]), [0, 3, 10])
    with pytest.raises(NetcoreError):
        snapshot_steps(10, "weekly")


def test_bad_training_settings(small_data):
    with pytest.raises(NetcoreError, match="method"):
        train(Network(), small_data, method="adam")
    with pytest.raises(NetcoreError, match="eta"):
        train(Network(), small_data, eta=0)
    with pytest.raises(NetcoreError, match="input size"):
        train(Network((100, 10)), small_data)


def test_cache_trains_once_then_loads(small_data, tmp_path):
    spec = RunSpec(epochs=1, batch_size=50)
    first = cached_run(spec, small_data, name="t", cache_dir=tmp_path, progress=False)
    files = list(tmp_path.glob("t-*.npz"))
    assert len(files) == 1 and first.path == files[0]
    mtime = files[0].stat().st_mtime_ns
    second = cached_run(spec, small_data, name="t", cache_dir=tmp_path, progress=False)
    assert files[0].stat().st_mtime_ns == mtime
    np.testing.assert_array_equal(first.snapshot_params, second.snapshot_params)
    cached_run(spec.with_(eta=1.0), small_data, name="t", cache_dir=tmp_path, progress=False)
    assert len(list(tmp_path.glob("t-*.npz"))) == 2  # other settings, other key


def test_lesson_run_accuracy_floor(shared_mnist, tmp_path):
    """The lesson's setup on the 10,000 shared training images against the official 10,000 test images
    reaches 90% after its 30 epochs (seed 0, measured on this project's CI machine: 91.17%, mean of the
    last five epochs 90.37%; seeds 1-5 with the earlier arithmetic: 90.3-91.3%).

    Test accuracy moves by up to 1.5 points from epoch to epoch at eta 3.0, so the last five epochs are
    also held to a mean floor half a point lower. Both floors sit close to this setup's typical result:
    28 runs from seed 0's weights perturbed by 1e-15 (rounding-sized changes, which grow over 30,000
    steps) ended at 89.3-91.3% (mean 90.3%; 8 of 28 below 90%), their last-five means at 89.2-90.7%.
    A change to the training arithmetic, or another processor's BLAS kernels, is a new draw from that
    spread: a failure here after such a change is no bug by itself; check the spread over seeds.
    """
    trace = train_spec(LESSON, shared_mnist)
    acc = trace.epoch_test_accuracy
    assert trace.n_steps == 30000 and len(acc) == 30 and not trace.diverged
    assert acc[-1] >= 0.90
    assert acc[-5:].mean() >= 0.895
    assert trace.snapshot_cost[-1] < trace.snapshot_cost[0] / 5
    path = trace.save(tmp_path / "lesson.npz")
    assert path.stat().st_size < 50e6
