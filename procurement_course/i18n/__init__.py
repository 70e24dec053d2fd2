"""The course in several languages: English is the source, Finnish and Swedish come from gettext
catalogues in ``locale/<lang>/LC_MESSAGES/`` (see ``locale/README.md``).

- ``model``: the languages, the catalogue domains and what a message is;
- ``extract``: msgids from the sources (quiz banks, scenarios, ``_config.yml``, the data code, the
  browser runtime's ``course.t(...)`` calls) into ``.pot`` templates, and ``.po`` updates;
- ``catalogue``: reads ``.po`` files at build time (with Babel) and looks strings up;
- ``check``: refuses a translation whose placeholders, markup, links or numbers differ from its source;
- ``translate``: the quiz and scenario models with their text (and nothing else) translated.
"""
