"""The code behind the course on labour exploitation and trafficking in public procurement.

Folders by what they serve, each using only those listed after it:
- ``sphinx/``: the Sphinx extension (directives, nodes, visitors, assets, the course theme's glue).
- ``publish/``: what is made from the built site (handbook PDF, handouts).
- ``quizzes/``, ``scenarios/``: each a model, a loader that checks it, and its renderings.
- ``datasets/``: the data package, its checks, the red-flag analysis, exhibits and charts.
- ``source.py``: YAML with line numbers and author-facing errors (the ground floor).
- ``static/`` and ``theme/``: the browser side, plain JavaScript and CSS with no build step.

Public names kept stable: ``procurement_course.widget.QuizWidget`` and the checkers
``python -m procurement_course.quiz_load``, ``.scenario_load`` and ``.data_package``.
"""

__version__ = "0.2.0"
