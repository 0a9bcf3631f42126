# Entry points for people and CI. Each target installs what it needs first (npm ci, build).
# `make demo` runs the platform's main job; `make test` runs every test tier.

SHELL := /bin/bash
BELLYFED := ./bin/bellyfed.js
DEMO_RESTAURANTS ?= 1000

.PHONY: install build typecheck lint test test-unit test-integration test-faults demo down serve-query migrate seed bench-query bench-sink clean

# npm ci only when the lock file changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

build: install
	npm run build

typecheck: install
	npm run typecheck

# The architecture's boundaries (.dependency-cruiser.cjs) and the one-config rule (eslint.config.js).
lint: install
	npm run lint

# Unit tests, then the integration tests and the fault drills on the local platform (started and
# stopped around them unless it already runs).
test: build typecheck lint
	npm test

test-unit: install
	npm run test:unit

test-integration: build
	npm run test:integration

# The fault drills alone: they stop and restart platform parts, so run them on a platform nobody else uses.
test-faults: build
	npm run test:faults

migrate: build
	$(BELLYFED) db migrate

seed: migrate
	$(BELLYFED) db seed --restaurants $(DEMO_RESTAURANTS) --if-empty

# The main job: the whole platform on this machine (PostgreSQL, Kafka, Connect + Debezium,
# registry, DynamoDB API, and the project's services) with demo data. `make down` stops it.
demo: build
	$(BELLYFED) local up --demo

down: build
	$(BELLYFED) local down

# Only the read API, on the PostgreSQL of DATABASE_URL (no platform), in the foreground.
serve-query: seed
	$(BELLYFED) serve query

bench-query: build
	$(BELLYFED) bench query

# The sink against the BatchWriteItem ceiling and a naive sink, then end-to-end latency (platform running).
bench-sink: build
	$(BELLYFED) bench sink

clean:
	rm -rf dist

# The AWS deployment, synthesized offline into cdk.out (no credentials needed): make synth STAGE=prod
STAGE ?= dev
.PHONY: synth
synth: build
	$(BELLYFED) deploy synth --stage $(STAGE) --out cdk.out
