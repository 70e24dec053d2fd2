"""The code behind the course on labour exploitation and trafficking in public procurement.

Modules by role:
- ``sphinx_ext``: the Sphinx extension that registers the course theme (and, later, quizzes).
"""

__version__ = "0.1.0"
