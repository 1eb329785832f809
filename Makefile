# circular: the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

.PHONY: venv system-deps test lint format demo deploy bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,data,bench]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

# System packages the tests need: Dovecot (IMAP server), Chromium (the page's browser tests,
# driven by Playwright) and PostgreSQL (the ledger's suite also
# runs on it; tests/servers/postgres.py starts a private cluster); LibreOffice Writer without
# its GUI, with the system Python's uno module that unoserver's server needs, and the Noto
# fonts for Arabic and Chinese letters (PDF letters, tests/letters/test_pdf_letters.py); ZBar
# (libzbar0), the second reader of the letters' QR codes (tests/letters/test_qr.py).
# Installed with apt-get when missing and we are root, in one update and one install;
# otherwise the command to run is printed.
system-deps:
	@missing=""; \
	command -v dovecot >/dev/null 2>&1 || missing="$$missing dovecot-imapd"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || missing="$$missing python3-uno"; \
	fc-list 2>/dev/null | grep -q 'Noto Sans Arabic' || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -q 'Noto Sans CJK' || missing="$$missing fonts-noto-cjk"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	ls /usr/lib/*/libzbar.so.0 >/dev/null 2>&1 || missing="$$missing libzbar0"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing (apt-get)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing system packages: run 'sudo apt-get install$$missing'" >&2; exit 1; \
	  fi; \
	fi

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: venv system-deps lint
	$(PY) -m pytest

demo: venv
	$(PY) -m demo

# Deploy every flow of prefect.yaml to the Prefect server at $$PREFECT_API_URL (create the
# `circular` process work pool first when missing). Flow runs start in this folder.
# First the ledger's schema is brought up to date (`circular db upgrade`), then
# tools/prefect_setup.py creates the SMTP global concurrency limit and the zombie-run automation.
deploy: venv
	$(VENV)/bin/circular db upgrade
	$(PY) tools/prefect_setup.py
	$(VENV)/bin/prefect work-pool inspect circular >/dev/null 2>&1 || \
	  $(VENV)/bin/prefect work-pool create circular --type process
	CIRCULAR_HOME="$(CURDIR)" CIRCULAR_PYTHON="$(abspath $(VENV))/bin/python" \
	  $(VENV)/bin/prefect --no-prompt deploy --all

bench: venv
	$(PY) -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache data letters/out reports
