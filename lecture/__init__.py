"""The lecture tool: one command turns a chapter's scenes into one video with chapter marks,
subtitles and a page to watch it (``lecture 2``; see ``lecture --help`` and the README).

- ``chapters``: which chapters exist, their scenes in lesson order (the lesson file's ``SCENES``),
  each scene's title and the key that says whether its video is up to date.
- ``render``: renders scenes in parallel worker processes (one ``manim`` process per scene), each
  into its own folder, logs kept; a failed scene does not stop the others.
- ``join``: joins the scene videos into one without re-encoding (PyAV, as Manim joins its partial
  movie files), with one chapter mark per scene; joins the scenes' subtitles, shifted.
- ``page``: the HTML page that plays the lecture with its chapter list and subtitles.
- ``cli``: the ``lecture`` command.
"""
