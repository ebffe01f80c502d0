# The two commands a new user needs: `make demo` and `make test`.
# Both install the C libraries the build links against when they are missing.

SWIFT ?= swift
DEMO_DIR ?= panelboard-demo

.PHONY: demo test build release deps

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: deps
	$(SWIFT) build -c release --product panelboard
	.build/release/panelboard demo --out $(DEMO_DIR)

test: deps
	$(SWIFT) test
