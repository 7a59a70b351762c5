#!/usr/bin/env bash
# Usage: hack/install-cli.sh PREFIX
# Installs kubectl-swarm from cli/target (make install-cli builds it first): the jar and its
# lib/ under PREFIX/lib/kubectl-swarm, the launcher as PREFIX/bin/kubectl-swarm and kubectl's
# plugin-completion hook as PREFIX/bin/kubectl_complete-swarm. Then a training run (no cluster
# needed) writes the class-data archive the launcher starts from: an AOT cache on JDK 25+,
# an AppCDS archive on older JDKs.
# The JVM: KUBECTL_SWARM_JAVA, else java on PATH; the launcher keeps using it (docs/cli.md).
set -euo pipefail
prefix="${1:?usage: $0 PREFIX}"
cd "$(dirname "$0")/.."
say() { printf '[install-cli] %s\n' "$*" >&2; }
jar="$(ls cli/target/swarm-operator-cli-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n1 || true)"
[[ -n "${jar}" && -d cli/target/lib ]] || { say "cli/target has no jar: run make install-cli (it builds first)"; exit 1; }

java="${KUBECTL_SWARM_JAVA:-$(command -v java || true)}"
[[ -n "${java}" && -x "${java}" ]] || { say "no java: put Java 17+ on PATH or set KUBECTL_SWARM_JAVA"; exit 1; }
java="$(readlink -f "${java}")"
feature="$("${java}" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')"
((feature >= 17)) || { say "${java} is Java ${feature}; kubectl-swarm needs 17 or newer"; exit 1; }

# The archive is only valid for these exact files at this exact path: install in place, then train.
home="${prefix}/lib/kubectl-swarm"
rm -rf "${home}"
mkdir -p "${home}/lib" "${prefix}/bin"
cp "${jar}" "${home}/kubectl-swarm.jar"
cp cli/target/lib/*.jar "${home}/lib/"
printf '%s\n' "${java}" >"${home}/java"
install -m 0755 cli/src/main/sh/kubectl-swarm "${prefix}/bin/kubectl-swarm"
"${prefix}/bin/kubectl-swarm" completion kubectl-plugin >"${prefix}/bin/kubectl_complete-swarm"
chmod 0755 "${prefix}/bin/kubectl_complete-swarm"

# Training: the commands run against a local HTTPS stand-in for an apiserver (io.tradingswarm.cli.Training).
train="$(mktemp -d)"
trap 'rm -rf "${train}"' EXIT
keytool="$(dirname "${java}")/keytool"
if [[ ! -x "${keytool}" ]]; then
  say "no keytool next to ${java}: skipping the class-data archive (kubectl-swarm starts slower)"
else
  "${keytool}" -genkeypair -alias train -keyalg RSA -keysize 2048 -dname CN=localhost -ext san=ip:127.0.0.1 \
    -validity 1 -storetype PKCS12 -keystore "${train}/train.p12" -storepass training -keypass training 2>/dev/null
  "${keytool}" -exportcert -rfc -alias train -keystore "${train}/train.p12" -storepass training \
    -file "${train}/ca.crt" 2>/dev/null
  if ((feature >= 25)); then
    archive="${home}/kubectl-swarm.aot"
    opts="-XX:AOTCacheOutput=${archive} -Xlog:aot=error,cds=error"
  else
    archive="${home}/kubectl-swarm.jsa"
    opts="-XX:ArchiveClassesAtExit=${archive} -Xlog:cds=error"
  fi
  if KUBECTL_SWARM_JAVA_OPTS="${opts}" "${prefix}/bin/kubectl-swarm" __train "${train}" >"${train}/log" 2>&1 \
      && [[ -s "${archive}" ]]; then
    say "class-data archive: ${archive} ($(du -h "${archive}" | cut -f1))"
  else
    rm -f "${archive}"
    say "WARNING: the training run failed, no class-data archive (kubectl-swarm starts slower):"
    sed 's/^/  /' "${train}/log" >&2
  fi
fi
say "installed ${prefix}/bin/kubectl-swarm (Java ${feature}: ${java}) and ${prefix}/bin/kubectl_complete-swarm"
case ":${PATH}:" in
  *":${prefix}/bin:"*) ;;
  *) say "add ${prefix}/bin to PATH to run it as kubectl swarm" ;;
esac
