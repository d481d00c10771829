"""The scene kit: what the lesson files draw with, one job per module.

- ``palette``: colours, font and text sizes (the visual conventions of ``shared/lessons.md``).
- ``text``: ``label``, ``math`` (formulas only) and ``FastNumber`` (numbers in the same font, cheap to change).
- ``layout``: titles, captions, readouts, boxed notes, thumbnails, legends, tables, tile grids.
- ``geometry``: segments as one path, arrow outlines, ``SceneMap``, interpolation between states, ticks.
- ``animations``: ``Replay`` (one animation through recorded states), ``change_values``, ``EdgeSweep``.
- mobjects: ``network`` (the drawn network), ``pixels`` / ``images`` (digits and weight images),
  ``surface`` (cost surface, contours, balls, arrows), ``curve`` (a cost curve on axes, hopping balls),
  ``plot`` (axes with data-driven ticks), ``landscape_view`` (a landscape in 3-D, a rolling ball),
  ``numbers`` (a bracketed column of numbers), ``machine`` (a function drawn as a machine).
- ``scene3d``: ``KitThreeDScene``, a ThreeDScene that redraws less and adds text fixed in the frame.
- ``data``: netcore's cached runs, landscapes and slices by name; the lesson files' data modules
  (``scenes/gradient_data.py``) read it, the lesson files never do.

Lesson files import the modules they use, e.g. ``from scenes.kit import layout, palette``.
"""
