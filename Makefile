# swarm-operator: `make run` to try it on a local cluster, `make test` for every suite.
SHELL := /bin/bash
MVN := ./mvnw -B --no-transfer-progress
KUBECONFIG_LOCAL := $(CURDIR)/.cache/cluster/kubeconfig
# make install-cli PREFIX=/usr/local installs kubectl-swarm elsewhere.
PREFIX ?= $(HOME)/.local
# make run CLUSTER=current uses your current kubectl context instead of the local cluster.
CLUSTER ?= local
DEMO_NAMESPACE ?= swarm-demo
# Files that targets depend on; defined before any rule names them (make expands a rule's
# prerequisites when it reads the rule: a variable defined further down would be empty there).
OPERATOR_JAR := operator/target/quarkus-app/quarkus-run.jar
RUN_CLI := .cache/cli/bin/kubectl-swarm

include hack/cluster/cluster.mk

.PHONY: help build install-cli chaos chaos-short bench-cli bench-scale bench-apply bench-peers cli-bench-setup unit sim soak sim-survey component api packaging e2e test crds manifests bench run run-test image image-test
.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

build: ## Compile and package the operator (operator/target/quarkus-app)
	$(MVN) package -DskipTests -pl operator -am

install-cli: ## Build kubectl-swarm and install it: PREFIX/bin/kubectl-swarm (+ kubectl_complete-swarm), PREFIX/lib/kubectl-swarm (PREFIX=~/.local)
	rm -rf cli/target
	$(MVN) -q package -DskipTests -pl cli -am
	hack/install-cli.sh "$(PREFIX)"

unit: ## Fast loop: planner, validation and CRD drift tests (no cluster)
	$(MVN) test -Dtest.groups=unit

sim: ## Release simulation: 10,000 random histories of the real Decider on a model cluster (replay one: SEED=n)
	$(MVN) test -Dtest.groups=sim $(if $(SEED),-Dsim.seed=$(SEED))

soak: ## The release simulation at length: 200,000 histories (HISTORIES=n to change)
	$(MVN) test -Dtest.groups=sim -Dsim.histories=$(or $(HISTORIES),200000)

sim-survey: ## Failing histories counted per rule, without stopping at the first (HISTORIES=n, default 10000)
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	java -cp operator/target/classes:operator/target/test-classes:$$(cat operator/target/test-classpath.txt) io.tradingswarm.operator.sim.SimSurvey $(or $(HISTORIES),10000) 1 small

component: ## Probe providers against a real Prometheus (installed by hack/prometheus.sh) and stub servers
	hack/prometheus.sh
	$(MVN) test -Dtest.groups=component

api: ## CRD schema and CEL tests on a real kube-apiserver (fabric8 kube-api-test, offline)
	KUBE_API_TEST_DIR="$$(hack/cluster/kube-api-test-dir.sh)" $(MVN) test -Dtest.groups=api

packaging: ## Helm chart (lint, template, RBAC), plain manifests, Dockerfile and Argo CD health script (helm, lua5.1, promtool)
	hack/cluster/build.sh helm
	hack/prometheus.sh
	hack/lua.sh
	$(MVN) test -Dtest.groups=packaging

e2e: build ## End-to-end scenarios on a fresh local cluster (torn down afterwards), the dashboard's in headless chromium
	hack/prometheus.sh
	hack/chromium.sh
	hack/cluster/with-cluster.sh $(MVN) test -Dtest.groups=e2e

test: ## Every suite: unit, simulation, component, API, packaging and e2e (the dashboard in headless chromium too), the short chaos run, then make run and the README tour, then the image; the cluster is always torn down
	@echo "[test] building the local cluster binaries (cached after the first run)"
	hack/cluster/build.sh
	@echo "[test] making sure Prometheus (probe tests, promtool), Lua 5.1 (Argo CD health) and Chromium (the dashboard's browser tests) are installed"
	hack/prometheus.sh
	hack/lua.sh
	hack/chromium.sh
	@echo "[test] building the operator"
	$(MVN) package -DskipTests
	@echo "[test] unit, simulation, component, API, packaging and e2e suites"
	KUBE_API_TEST_DIR="$$(hack/cluster/kube-api-test-dir.sh)" \
	  hack/cluster/with-cluster.sh $(MVN) test -Dtest.groups='unit|component|api|packaging|e2e|sim'
	@echo "[test] the short chaos run: 10 operator SIGKILLs, 1 kube-apiserver restart, 1 leader SIGKILL (make chaos-short)"
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	$(CHAOS_SHORT)
	@echo "[test] make run on a fresh cluster, then the README tour"
	hack/run-test.sh
	@echo "[test] the image: built offline with buildah (make image), run with podman as the chart specifies (make image-test)"
	hack/image.sh
	hack/cluster/with-cluster.sh hack/image-test.sh

crds: ## Regenerate deploy/crds from the Java types
	$(MVN) test -Dtest.groups=unit -Dtest=CrdDriftTest -Dcrd.update=true

manifests: ## Regenerate deploy/manifests (the chart rendered with its defaults) after a chart change
	$(MVN) test -Dtest.groups=packaging -Dtest=ChartTest#thePlainManifestsAreTheChartRenderedWithDefaults -Dmanifests.update=true

chaos: $(OPERATOR_JAR) ## Chaos: 20 releases with probes and hooks while the operator is SIGKILLed 100 times, kube-apiserver restarted 3 times, the leader of two replicas killed 5 times; invariants judged from the audit log (CHAOS_KILLS, CHAOS_SEED, ...: hack/chaos/chaos.sh)
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	hack/chaos/chaos.sh

CHAOS_SHORT = CHAOS_KILLS=10 CHAOS_APISERVER_RESTARTS=1 CHAOS_LEADER_KILLS=1 hack/chaos/chaos.sh

chaos-short: $(OPERATOR_JAR) ## The short chaos run of make test: 10 SIGKILLs, 1 kube-apiserver restart, 1 leader SIGKILL
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	$(CHAOS_SHORT)

bench: ## Benchmarks: planner cost per decision; rollback reaction of a replica-ratio and a routed canary, blue-green switch-back, halt reaction of 20 bots (20 runs each); kubectl swarm get start-up (make bench-cli)
	$(MAKE) --no-print-directory cli-bench-setup
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	java -cp operator/target/classes:operator/target/test-classes:$$(cat operator/target/test-classpath.txt) io.tradingswarm.operator.bench.PlannerBench
	hack/cluster/with-cluster.sh bash -c 'cp="operator/target/classes:operator/target/test-classes:$$(cat operator/target/test-classpath.txt)"; \
	  java -cp "$$cp" io.tradingswarm.operator.bench.RollbackBench && \
	  java -Dstrategy=gatewayAPI -cp "$$cp" io.tradingswarm.operator.bench.RollbackBench && \
	  java -Dstrategy=blueGreen -cp "$$cp" io.tradingswarm.operator.bench.RollbackBench && \
	  java -cp "$$cp" io.tradingswarm.operator.bench.HaltBench && \
	  $(CLI_BENCH)'

bench-scale: ## Scale: N releases (BENCH_SCALE_N, default "100 300 1000") released, then all bumped at once, on a fresh local cluster per N; wall time, p50/p90, the operator's CPU, RSS and API requests per release (not part of make test or make bench)
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	hack/bench/scale.sh

bench-apply: ## What applying 1000 releases costs the API server: a SwarmRelease (as shipped, without CEL rules, without a schema) next to an Argo Rollout, no controller running (BENCH_APPLY_N; not part of make test)
	$(MVN) -q test-compile dependency:build-classpath -pl operator -am -Dmdep.outputFile=target/test-classpath.txt
	hack/bench/apply.sh

bench-peers: ## make bench-scale with swarm-operator, then Argo Rollouts v1.8.3 (built from the Go module proxy, cached; root), each on its own fresh cluster per N; prints the ratios swarm-operator / Argo (not part of make test)
	$(MAKE) --no-print-directory bench-scale BENCH_SCALE_CONTROLLERS="swarm-operator argo-rollouts"

# kubectl-swarm as make install-cli installs it, into .cache/cli, for the start-up benchmark.
CLI_BENCH_PREFIX := $(CURDIR)/.cache/cli
CLI_BENCH = java -cp "cli/target/classes:cli/target/test-classes:$$(cat cli/target/test-classpath.txt)" io.tradingswarm.cli.bench.CliBench $(CLI_BENCH_PREFIX)/bin/kubectl-swarm $(CLI_BENCH_VARIANTS)

cli-bench-setup:
	$(MAKE) --no-print-directory install-cli PREFIX=$(CLI_BENCH_PREFIX)
	$(MVN) -q test-compile dependency:build-classpath -pl cli -am -Dmdep.outputFile=target/test-classpath.txt

bench-cli: cli-bench-setup ## kubectl swarm get start-up: p50 and p90 wall time over 20 runs of the installed launcher on the local cluster (part of make bench)
	hack/cluster/with-cluster.sh bash -c '$(CLI_BENCH)'

# make run rebuilds the package only when a source file or the POM is newer than it.
$(OPERATOR_JAR): pom.xml api/pom.xml operator/pom.xml $(shell find api/src operator/src/main -type f 2>/dev/null)
	$(MVN) package -DskipTests -pl operator -am
	@touch $@

# make run's kubectl-swarm: make install-cli's layout under .cache/cli (bin/kubectl-swarm, lib/kubectl-swarm),
# built and copied only when a source file, a POM or the install script is newer than it. Nothing goes on PATH.
# Only cli/target is cleaned (a stale jar in its lib/ would be installed): a clean of the whole reactor
# would delete target/ at the root, where make test's run-test is writing make run's log.
$(RUN_CLI): pom.xml api/pom.xml cli/pom.xml hack/install-cli.sh $(shell find api/src cli/src/main -type f 2>/dev/null)
	rm -rf cli/target
	$(MVN) -q package -DskipTests -pl cli -am
	@mkdir -p .cache && hack/install-cli.sh "$(CURDIR)/.cache/cli" 2>.cache/install-cli.out || { cat .cache/install-cli.out >&2; exit 1; }
	@touch $@

run: $(OPERATOR_JAR) $(RUN_CLI) ## Local cluster + CRD + operator (background, log in .cache/run) + the example release, watched live with kubectl-swarm; Enter starts a canary run and promotes it at its manual gate, Ctrl-C stops (CLUSTER=current: your kubectl context)
	@hack/run.sh "$(CLUSTER)" "$(DEMO_NAMESPACE)"

run-test: $(OPERATOR_JAR) $(RUN_CLI) ## make run on a fresh local cluster until the example is Succeeded, then the README tour and Ctrl-C (part of make test)
	hack/run-test.sh

image: ## Build the operator image from the Dockerfile with buildah, offline: base images made from Debian packages (no Docker, no registry)
	hack/image.sh

image-test: image ## Run the image with podman against a fresh local cluster, with the pod spec helm installs: health, a release, a rollback
	hack/cluster/build.sh helm
	hack/cluster/with-cluster.sh hack/image-test.sh
