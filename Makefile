# Consilium: two commands do all set-up on a fresh Debian machine.
#   make demo   installs what is missing, builds (release), runs the main job on real data (or shipped fixtures)
#   make test   installs what is missing, builds, runs every test
# Real data: ../shared/data (override with CONSILIUM_SHARED_DATA=...).

SHELL := /bin/bash
# snpeff: differential peer for consequences (#4); chromium + fonts-noto-cjk: report rendering checks (#6).
APT_PACKAGES := libhts-dev zlib1g-dev pkg-config bcftools tabix snpeff chromium fonts-noto-cjk python3-pip
PIP_PACKAGES := fhir.resources=fhir.resources==8.3.0 jsonschema=jsonschema
SWIFT ?= swift
export CONSILIUM_SHARED_DATA ?= $(abspath ../shared/data)

.PHONY: deps build release test demo bench clean

deps:
	@scripts/install-deps $(APT_PACKAGES)
	@scripts/install-pip $(PIP_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: release
	@scripts/demo

bench: release
	@scripts/bench-peers

clean:
	rm -rf .build demo/out bench-out
