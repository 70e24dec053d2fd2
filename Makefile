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

.PHONY: book test serve bench clean browser-deps handbook handouts scorm lab

book: $(STAMP)
	$(JB) build . $(JB_FLAGS)

# The virtualenv is (re)made when the pins change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# axe-core for the accessibility checks, from the npm registry, exactly as locked.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium for the browser tests (installed when missing; needs root or explains why not).
browser-deps:
	@tools/ensure-system-packages.sh

test: $(STAMP) node_modules/.installed browser-deps
	$(PY) -m pytest

# The whole course as one A4 PDF: the single-page build, printed by WeasyPrint.
handbook: $(STAMP) browser-deps
	$(JB) build . --builder singlehtml $(JB_FLAGS)
	$(PY) -m procurement_course.publish.handbook _build/singlehtml/book/index.html _build/handbook.pdf

# Participant handouts: a case worksheet (no answers) and a one-page red-flag checklist per sector.
handouts: $(STAMP) browser-deps
	$(PY) -m procurement_course.publish.handouts _build/handouts

# The learner edition as SCORM 1.2 and SCORM 2004 packages for an LMS (e.g. Moodle), in _build/scorm/.
# Each manifest is validated against the ADL/IMS schemas (from the npm registry) before it is zipped.
scorm: book node_modules/.installed
	$(PY) -m procurement_course.publish.scorm $(SITE) _build/scorm

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
