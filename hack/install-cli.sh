#!/usr/bin/env bash
# Usage: hack/install-cli.sh PREFIX
# Installs kubectl-swarm from cli/target (make install-cli builds it first): the jar and its
# lib/ under PREFIX/lib/kubectl-swarm, the launcher as PREFIX/bin/kubectl-swarm and kubectl's
# plugin-completion hook as PREFIX/bin/kubectl_complete-swarm.
set -euo pipefail
prefix="${1:?usage: $0 PREFIX}"
cd "$(dirname "$0")/.."
say() { printf '[install-cli] %s\n' "$*" >&2; }
jar="$(ls cli/target/swarm-operator-cli-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n1 || true)"
[[ -n "${jar}" && -d cli/target/lib ]] || { say "cli/target has no jar: run make install-cli (it builds first)"; exit 1; }

home="${prefix}/lib/kubectl-swarm"
rm -rf "${home}.new"
mkdir -p "${home}.new/lib" "${prefix}/bin"
cp "${jar}" "${home}.new/kubectl-swarm.jar"
cp cli/target/lib/*.jar "${home}.new/lib/"
# The java the launcher uses unless JAVA_HOME or KUBECTL_SWARM_JAVA say otherwise.
java="$(readlink -f "${KUBECTL_SWARM_JAVA:-$(command -v java)}")"
printf '%s\n' "${java}" >"${home}.new/java"
rm -rf "${home}"
mv "${home}.new" "${home}"
install -m 0755 cli/src/main/sh/kubectl-swarm "${prefix}/bin/kubectl-swarm"
"${prefix}/bin/kubectl-swarm" completion kubectl-plugin >"${prefix}/bin/kubectl_complete-swarm"
chmod 0755 "${prefix}/bin/kubectl_complete-swarm"
say "installed ${prefix}/bin/kubectl-swarm (java: ${java}) and ${prefix}/bin/kubectl_complete-swarm"
case ":${PATH}:" in
  *":${prefix}/bin:"*) ;;
  *) say "add ${prefix}/bin to PATH to run it as kubectl swarm" ;;
esac
