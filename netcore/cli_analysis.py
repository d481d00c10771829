"""Command-line entries for netcore's analysis (landscape, plots); wired into ``netcore.cli``."""


def add_commands(sub, parser_class):
    """Add the analysis subcommands to the ``netcore`` parser's subparsers."""
