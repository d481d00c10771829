"""download_mnist against a local HTTP server serving generated IDX files (only 127.0.0.1 is ever contacted)."""

import shutil
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from mnist_fakes import SHARED_MNIST, md5s, write_idx_folder

import netcore
from netcore import cli, download
from netcore.download import download_mnist
from netcore.errors import NetcoreError

NAMES = list(download.MD5)
TIMEOUT = 5


@pytest.fixture(autouse=True)
def local_only(monkeypatch, tmp_path):
    """Refuse any connection that is not to 127.0.0.1 and keep the default download folder in tmp."""
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"test tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setenv("NETCORE_DATA_DIR", str(tmp_path / "default-dir"))
    monkeypatch.setattr(download, "MIRRORS", ())


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that gave up (timeout test)
        pass


@pytest.fixture
def server(tmp_path):
    """Serves tmp/www: /good/ holds 20 train + 10 test generated images; /missing/ is a 404; /slow/ never answers."""
    root = tmp_path / "www"
    write_idx_folder(root / "good", n_train=20, n_test=10)
    requests, release = [], threading.Event()

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path.startswith("/slow/"):
                release.wait(TIMEOUT)
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = QuietServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{httpd.server_port}/", root=root,
                              sums=md5s(root / "good"), requests=requests)
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(TIMEOUT)


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_download_verifies_and_loads(server, tmp_path, capsys):
    dest = tmp_path / "new" / "mnist"
    assert download_mnist(dest, mirrors=[server.url + "good/"], checksums=server.sums, timeout=TIMEOUT) == dest
    assert listing(dest) == sorted(NAMES)  # no temp files left
    for name in NAMES:
        assert (dest / name).read_bytes() == (server.root / "good" / name).read_bytes()
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 4 and all("md5 ok" in line for line in err.splitlines())
    data = netcore.load_mnist(dest, quiet=True)
    assert (len(data.x_train), len(data.y_train), len(data.x_test), len(data.y_test)) == (20, 20, 10, 10)


def test_default_folder_and_quiet(server, tmp_path, capsys):
    folder = download_mnist(mirrors=[server.url + "good/"], checksums=server.sums, progress=False, timeout=TIMEOUT)
    assert folder == tmp_path / "default-dir"
    assert listing(folder) == sorted(NAMES)
    assert capsys.readouterr() == ("", "")


def test_checksum_mismatch_leaves_nothing(server, tmp_path):
    dest = tmp_path / "dest"
    sums = dict(server.sums, **{"train-labels-idx1-ubyte.gz": "0" * 32})
    with pytest.raises(NetcoreError) as info:
        download_mnist(dest, mirrors=[server.url + "good/"], checksums=sums, progress=False, timeout=TIMEOUT)
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith("train-labels-idx1-ubyte.gz: checksum mismatch from http://127.0.0.1:")
    assert listing(dest) == ["train-images-idx3-ubyte.gz"]  # the verified one stays; no final or temp file
    assert not any("t10k" in path for path in server.requests)  # stopped at the first failure


def test_404_falls_through_to_next_mirror(server, tmp_path):
    dest = tmp_path / "dest"
    mirrors = [server.url + "missing/", server.url + "good"]  # no trailing slash on the second
    download_mnist(dest, mirrors=mirrors, checksums=server.sums, progress=False, timeout=TIMEOUT)
    assert listing(dest) == sorted(NAMES)
    assert server.requests == [p for name in NAMES for p in (f"/missing/{name}", f"/good/{name}")]


def test_every_mirror_failing_names_each_problem(server, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/"
    mirrors = [closed, server.url + "missing/", server.url + "slow/"]
    with pytest.raises(NetcoreError) as info:
        download_mnist(tmp_path / "dest", mirrors=mirrors, checksums=server.sums, progress=False, timeout=0.5)
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith("train-images-idx3-ubyte.gz: no mirror worked: ")
    assert "refused" in msg and "HTTP 404" in msg and "timed out" in msg
    assert listing(tmp_path / "dest") == []


def test_same_problem_everywhere_is_said_once(server, tmp_path):
    mirrors = [server.url + "missing/", server.url + "missing2/"]
    with pytest.raises(NetcoreError, match=r"^train-images-idx3-ubyte.gz: HTTP 404 .* from every mirror "
                                            r"\(last: http://127.0.0.1:\d+/missing2/train-images-idx3-ubyte.gz\)$"):
        download_mnist(tmp_path / "dest", mirrors=mirrors, progress=False, timeout=TIMEOUT)


def test_cli_official_checksums_reject_fakes(server, tmp_path, capsys):
    dest = tmp_path / "cli"
    assert cli.main(["download-mnist", "--dir", str(dest), "--mirror", server.url + "good/"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("netcore: error: train-images-idx3-ubyte.gz: checksum mismatch from http://127.0.0.1:")
    assert listing(dest) == []


def test_verified_files_are_not_fetched_again(server, tmp_path):
    dest = tmp_path / "dest"
    kwargs = dict(mirrors=[server.url + "good/"], checksums=server.sums, progress=False, timeout=TIMEOUT)
    download_mnist(dest, **kwargs)
    assert len(server.requests) == 4
    server.requests.clear()
    download_mnist(dest, **kwargs)
    assert server.requests == []
    # a missing file and a damaged one are fetched again, and only they
    (dest / "t10k-labels-idx1-ubyte.gz").unlink()
    (dest / "train-images-idx3-ubyte.gz").write_bytes(b"damaged")
    download_mnist(dest, **kwargs)
    assert server.requests == ["/good/train-images-idx3-ubyte.gz", "/good/t10k-labels-idx1-ubyte.gz"]
    assert md5s(dest) == server.sums


def test_uncreatable_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NetcoreError, match="cannot create the download folder"):
        download_mnist(tmp_path / "file" / "sub", mirrors=["http://127.0.0.1:9/"], progress=False, timeout=1)


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="no ../shared/mnist on this machine")
def test_official_files_already_present_are_kept(server, tmp_path):
    """The shared test files are the official ones: with the published md5 they are not fetched again."""
    dest = tmp_path / "dest"
    dest.mkdir()
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        shutil.copy(SHARED_MNIST / name, dest / name)
    train_sums = {k: v for k, v in server.sums.items() if k.startswith("train")}
    download_mnist(dest, mirrors=[server.url + "good/"], checksums=train_sums, progress=False, timeout=TIMEOUT)
    assert server.requests == ["/good/train-images-idx3-ubyte.gz", "/good/train-labels-idx1-ubyte.gz"]
    official = SHARED_MNIST / "t10k-images-idx3-ubyte.gz"
    assert (dest / official.name).read_bytes() == official.read_bytes()
