#!/usr/bin/env bash
# Usage: hack/cluster/bin-path.sh NAME
# Prints the path of the cached binary NAME (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, etcd, kwok, kwokctl, helm) at its pinned version.
# Exit 1 (and print nothing on stdout) when it is not built yet: run hack/cluster/build.sh.
set -euo pipefail
LOG_PREFIX=bin-path
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 1)) || die "usage: $0 NAME (one of: ${ALL_BINARIES[*]})"
path="$(bin_path "$1")"
[[ -x "${path}" ]] || die "$1 is not built (${path}); run hack/cluster/build.sh $1"
printf '%s\n' "${path}"
