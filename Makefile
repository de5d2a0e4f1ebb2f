# Two commands for a fresh machine:
#   make report   create .venv, install, compare texts/ and write the HTML report under reports/
#   make test     install what the tests need (Python and system packages) and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Debian packages the tests use: a real browser with a CJK font (also prints --pdf), a PostgreSQL
# server, LibreOffice Writer (opens the Word outputs headless; reads .doc/.wps inputs) and Calc (reads
# the .xlsx back), poppler-utils (pdfinfo) and Tesseract with its Simplified Chinese model (reads scanned PDFs).
SYSTEM_PACKAGES := chromium fonts-wqy-microhei postgresql libreoffice-writer-nogui libreoffice-calc-nogui \
    poppler-utils tesseract-ocr tesseract-ocr-chi-sim
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: report test bench messages system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

report: $(STAMP)
	$(BIN)/legiscompare compare texts/jjj-innovation-2023/*.txt \
	    -o reports/jjj-innovation-2023.html --json reports/jjj-innovation-2023.json

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# The import contract first (docs/architecture.md), then the whole suite and its time
# (goal: under 8 minutes on an idle 2-core machine; `pytest -m "not slow"` for daily work).
test: $(TEST_STAMP) system-deps
	$(BIN)/lint-imports
	@start=$$(date +%s); \
	LEGISCOMPARE_REQUIRE_PG=1 LEGISCOMPARE_REQUIRE_BROWSER=1 LEGISCOMPARE_REQUIRE_OFFICE=1 $(BIN)/python -m pytest -q; \
	status=$$?; echo "suite: $$(( $$(date +%s) - start )) s (goal: under 480 s on an idle 2-core machine)"; exit $$status

bench: $(TEST_STAMP)
	$(BIN)/python -m benchmarks

# Re-extract the msgids (compare/ and click), update the zh_CN catalogue and compile it (tools/messages.py)
messages: $(TEST_STAMP)
	$(BIN)/python tools/messages.py

clean:
	rm -rf $(VENV) reports/*.html reports/*.json reports/*.csv reports/*.docx reports/screenshots
