# dxskills — `make run` starts the service with demo data; `make test` runs every test;
# `make test-ui` tests the web dashboard in headless Chromium; `make test-office` opens every report's
# Excel file in headless LibreOffice.
.PHONY: build run test test-ui test-office test-release release bench fuzz format clean-db

build:
	scripts/build-deps.sh
	swift build

run: build
	scripts/run.sh

test:
	scripts/test.sh

test-ui:
	scripts/test-ui.sh

# Every report's Excel file as LibreOffice Calc shows it, against its JSON (installs
# libreoffice-calc-nogui from Debian if soffice is missing).
test-office:
	scripts/office-test.sh

# The offline install packages in dist/: a .deb and a .tar.gz (docs/operations.md).
release:
	scripts/release.sh

# The .deb installed into a Debian 12 root with no toolchain and no source tree, then served.
test-release:
	scripts/release-test.sh

# Not part of `make test`: a release build measured against PostgreSQL's own limits (BENCHMARKS.md).
bench:
	scripts/bench.sh

# Schemathesis with 500 examples per operation against a fresh service (about 10 minutes).
fuzz:
	scripts/fuzz.sh

format:
	swift format -i -r Package.swift Sources Tests

# Removes the private database of `make run` (its data is lost).
clean-db:
	scripts/pg.sh stop .pg
	rm -rf .pg
