# Two commands on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
STAMP  := $(VENV)/.installed
SITE   := _build/html
PORT   ?= 8000
# Warnings are errors, missing references are errors, and every problem is reported before failing.
JB_FLAGS := --warningiserror --nitpick --keep-going

# The translated editions, each in a folder of the English site (_build/html/fi, ...).
LANGUAGES := fi sv

.PHONY: i18n book test serve bench clean browser-deps handbook handouts scorm facilitator dist lab

# English in _build/html (as ever), then each translated edition from the same source and the
# catalogues in locale/ (its own doctrees and execution cache; see README, "Languages").
book: $(STAMP)
	$(JB) build . $(JB_FLAGS)
	for lang in $(LANGUAGES); do $(PY) -m procurement_course.publish.editions learner --language $$lang || exit 1; done

# Catalogues: page templates from Sphinx's gettext builder (every page, the facilitator's too),
# ours from the sources, then every .po brought up to date, and the share translated per language.
# A page removed or split (its template gone) takes its catalogue with it (prune).
i18n: $(STAMP)
	rm -rf _build/gettext
	$(PY) -m procurement_course.publish.editions facilitator --builder gettext
	$(PY) -m procurement_course.i18n extract
	$(VENV)/bin/sphinx-intl update --pot-dir _build/gettext --locale-dir locale $(addprefix -l ,$(LANGUAGES))
	$(PY) -m procurement_course.i18n prune
	$(PY) -m procurement_course.i18n check
	$(PY) -m procurement_course.i18n status

# The virtualenv is (re)made when the pins change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# axe-core for the accessibility checks and vnu-jar (the W3C Nu HTML checker), from the npm
# registry, exactly as locked. No install scripts: vnu-jar's would download a Java runtime from
# elsewhere; Debian's is installed by tools/ensure-system-packages.sh instead.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

# Debian's chromium for the browser tests (installed when missing; needs root or explains why not).
browser-deps:
	@tools/ensure-system-packages.sh

test: $(STAMP) node_modules/.installed browser-deps
	$(PY) -m pytest

# The whole course as A4 PDFs, printed by WeasyPrint from an edition built as a single page:
# the participant's handbook (the learner's edition: no facilitator pages, no answer key) and
# the facilitator's handbook (everything, the answer key included). Both tagged (PDF/UA-1).
handbook: $(STAMP) browser-deps
	$(PY) -m procurement_course.publish.editions learner --builder singlehtml
	$(PY) -m procurement_course.publish.handbook _build/singlehtml/book/index.html _build/handbook.pdf --edition learner
	$(PY) -m procurement_course.publish.editions facilitator --builder singlehtml
	$(PY) -m procurement_course.publish.handbook _build/facilitator/singlehtml/book/index.html _build/handbook-facilitator.pdf --edition facilitator
	for lang in $(LANGUAGES); do \
	  $(PY) -m procurement_course.publish.editions learner --builder singlehtml --language $$lang && \
	  $(PY) -m procurement_course.publish.handbook _build/singlehtml/$$lang/book/index.html _build/handbook-$$lang.pdf --edition learner && \
	  $(PY) -m procurement_course.publish.editions facilitator --builder singlehtml --language $$lang && \
	  $(PY) -m procurement_course.publish.handbook _build/facilitator/singlehtml/$$lang/book/index.html _build/handbook-facilitator-$$lang.pdf --edition facilitator || exit 1; \
	done

# Participant handouts: a case worksheet (no answers) and a one-page red-flag checklist per sector,
# in English (cleaning-case-worksheet.pdf), Finnish and Swedish (cleaning-case-worksheet-fi.pdf, ...).
handouts: $(STAMP) browser-deps
	$(PY) -m procurement_course.publish.handouts _build/handouts

# The learner edition as SCORM 1.2 and SCORM 2004 packages for an LMS (e.g. Moodle), in _build/scorm/,
# one pair per language: ...-scorm12.zip (English), ...-fi-scorm12.zip, ...-sv-scorm12.zip (and 2004).
# Each manifest is validated against the ADL/IMS schemas (from the npm registry) before it is zipped.
scorm: book node_modules/.installed
	$(PY) -m procurement_course.publish.scorm $(SITE) _build/scorm

# The facilitator's edition: everything, with the kit, the answer key and the materials page,
# which links the PDFs (so they are printed first). `make book` is the learner's edition.
# Each translated facilitator's edition in a folder of it (_build/facilitator/html/fi); its materials
# page links its own language's PDFs (handbook-fi.pdf, cleaning-case-worksheet-fi.pdf, ...).
facilitator: $(STAMP) browser-deps handbook handouts
	$(PY) -m procurement_course.publish.editions facilitator
	for lang in $(LANGUAGES); do $(PY) -m procurement_course.publish.editions facilitator --language $$lang || exit 1; done

# Everything a publisher ships, in _build/dist: both editions (three languages each), both handbooks
# and the handouts per language, the six SCORM packages, with CONTENTS.txt.
dist: book facilitator scorm
	$(PY) -m procurement_course.publish.dist _build/dist

serve: $(STAMP)
	@test -f $(SITE)/index.html || $(MAKE) book
	@echo "Serving $(SITE) on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory $(SITE) $(PORT)

# The course in JupyterLab: MyST pages open as notebooks (jupytext), quizzes run live, and
# nothing is fetched from outside (settings in tools/jupyter, shared with the JupyterLab test).
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/tools/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $$(test "$$(id -u)" != 0 || echo --allow-root) $(LAB_ARGS)

bench: $(STAMP) node_modules/.installed browser-deps
	$(PY) tools/bench.py

clean:
	rm -rf _build test-artifacts
