# dxskills — `make run` starts the service with demo data; `make test` runs every test;
# `make test-ui` tests the web dashboard in headless Chromium.
.PHONY: build run test test-ui format clean-db

build:
	swift build

run: build
	scripts/run.sh

test:
	scripts/test.sh

test-ui:
	scripts/test-ui.sh

format:
	swift format -i -r Package.swift Sources Tests

# Removes the private database of `make run` (its data is lost).
clean-db:
	scripts/pg.sh stop .pg
	rm -rf .pg
