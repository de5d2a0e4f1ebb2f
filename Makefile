# Two commands for a fresh machine:
#   make report   create .venv, install, compare texts/ and write the HTML report under reports/
#   make test     install what the tests need and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/legiscompare compare texts/jjj-innovation-2023/*.txt \
	    -o reports/jjj-innovation-2023.html --json reports/jjj-innovation-2023.json

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) reports/*.html reports/*.json reports/*.csv reports/*.docx
