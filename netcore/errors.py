"""The one error type netcore raises for bad input: a single line naming the file and the problem."""


class NetcoreError(Exception):
    """Bad input or a failed operation, described in one line.

    ``str(err)`` is ``"<path>: <problem>"`` when a file is involved, else just the problem.
    """

    def __init__(self, problem: str, path=None):
        self.path = None if path is None else str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)
