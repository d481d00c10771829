"""Shared fixtures (the real MNIST folder of ../shared, a small slice of it) and the options and
strictness of Manim's frame-comparison tests."""

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


# --- Manim's frame comparison (tests/scenes) --------------------------------------------------------
def pytest_addoption(parser):
    for name, text in (("--set_test", "write the reference frames of frame-comparison tests"),
                       ("--show_diff", "show the difference when a frame comparison fails")):
        parser.addoption(name, action="store_true", default=False, help=text)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and "cairo" in str(report.longrepr).lower():
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} was skipped because of the cairo version "
                           f"({_cairo_version()}): frame comparisons must run, not skip. "
                           f"Skip reason: {report.longrepr}")


def _cairo_version() -> str:
    import cairo

    return cairo.cairo_version_string()
