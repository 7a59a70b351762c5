# Local Kubernetes cluster (KWOK fake nodes, real control plane built from source).
# Included from the top-level Makefile: `include hack/cluster/cluster.mk`. See docs/development.md.

CLUSTER_HACK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

.PHONY: cluster-build cluster-up cluster-down cluster-status cluster-kube-api-test-dir

cluster-build: ## Build kube-*, kubectl, etcd, kwok, kwokctl, helm into ~/.cache/swarm-operator/bin, fetch the CRDs (cached)
	$(CLUSTER_HACK_DIR)/build.sh

cluster-up: ## Start the local cluster with the Gateway API and Istio CRDs (kubeconfig: .cache/cluster/kubeconfig)
	$(CLUSTER_HACK_DIR)/up.sh

cluster-down: ## Stop the local cluster and delete its state
	$(CLUSTER_HACK_DIR)/down.sh

cluster-status: ## Show whether the local cluster is up, its version and nodes
	$(CLUSTER_HACK_DIR)/status.sh

cluster-kube-api-test-dir: ## Print (and create) the offline binary dir for fabric8 kube-api-test
	@$(CLUSTER_HACK_DIR)/kube-api-test-dir.sh
