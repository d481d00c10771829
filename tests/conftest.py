"""Shared fixtures: the real MNIST folder of ../shared and a private trace cache per session."""

from pathlib import Path

import pytest

SHARED_MNIST = Path(__file__).resolve().parents[1].parent / "shared" / "mnist"


@pytest.fixture(scope="session")
def shared_mnist():
    """The 10,000 + 10,000 real MNIST images that tests and benchmarks use."""
    if not SHARED_MNIST.is_dir():
        pytest.fail(f"{SHARED_MNIST} is missing: tests need ../shared/mnist beside the project")
    from netcore import load_mnist

    return load_mnist(SHARED_MNIST, quiet=True)


@pytest.fixture(scope="session")
def small_data(shared_mnist):
    """The first 1,000 training and 500 test images: quick runs with real digits."""
    from netcore.data import Dataset

    d = shared_mnist
    return Dataset(d.x_train[:1000], d.y_train[:1000], d.x_test[:500], d.y_test[:500],
                   {**d.description, "n_train": 1000, "n_test": 500,
                    "checksum": d.checksum + ":first1000/500"})
