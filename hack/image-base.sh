#!/usr/bin/env bash
# Usage: hack/image-base.sh
# Makes the two base images of the offline image build from Debian packages, since no registry
# image can be pulled here:
#   runtime: a minimal Debian (the host's release, debootstrap --variant=minbase) + openjdk-17-jre-headless
#   build:   the runtime base + openjdk-17-jdk-headless + maven
# The Debian mirror and the security/updates suites are read at run time from this machine's apt
# configuration (/etc/apt/sources.list, /etc/apt/sources.list.d/*); nothing names a host here.
# Both are cached, keyed by their inputs (this script, the release, the architecture, the apt
# sources): rootfs tarballs under ${SWARM_CACHE:-~/.cache/swarm-operator}/image-base/ and images
# in podman's storage. A warm run only checks that the images exist.
# Prints on stdout: BUILD_IMAGE=<ref> and RUNTIME_IMAGE=<ref> (for `buildah build --build-arg`).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[image-base] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
[[ "$(id -u)" == 0 ]] || die "debootstrap and chroot need root"
for tool in debootstrap podman; do command -v "${tool}" >/dev/null || die "${tool} is missing: run hack/image-tools.sh"; done

cache="${SWARM_CACHE:-${HOME}/.cache/swarm-operator}/image-base"
mkdir -p "${cache}"
# shellcheck source=/dev/null
codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
[[ -n "${codename}" ]] || die "no VERSION_CODENAME in /etc/os-release: this script needs a Debian host"
arch="$(dpkg --print-architecture)"
RUNTIME_PACKAGES=(openjdk-17-jre-headless)
BUILD_PACKAGES=(openjdk-17-jdk-headless maven)

# The host's apt sources, both formats. The deb822 file's first "Types: deb" stanza for the release
# gives debootstrap its mirror; the whole files go into the chroot so apt also sees the updates and
# security suites (the same package versions as the host).
sources_files=()
[[ -s /etc/apt/sources.list ]] && sources_files+=(/etc/apt/sources.list)
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [[ -f "${f}" ]] && sources_files+=("${f}")
done
((${#sources_files[@]})) || die "no apt sources in /etc/apt/sources.list or /etc/apt/sources.list.d"
mirror="$(awk -v suite="${codename}" '
  FNR == 1 { types = ""; uris = ""; suites = "" }
  /^deb[[:space:]]/ && FILENAME ~ /\.list$/ {
    n = split($0, w, /[[:space:]]+/); i = 2
    if (w[i] ~ /^\[/) { while (i <= n && w[i] !~ /\]$/) i++; i++ }
    if (w[i + 1] == suite && !found) { print w[i]; found = 1 }
    next
  }
  FILENAME ~ /\.sources$/ {
    if ($0 ~ /^[[:space:]]*$/) { types = ""; uris = ""; suites = ""; next }
    if ($1 == "Types:") types = $0
    if ($1 == "URIs:") uris = $2
    if ($1 == "Suites:") suites = " " $0 " "
    if (!found && types ~ /[[:space:]]deb([[:space:]]|$)/ && uris != "" && suites ~ ("[[:space:]]" suite "[[:space:]]")) {
      print uris; found = 1
    }
  }' "${sources_files[@]}")"
[[ -n "${mirror}" ]] || die "found no 'deb' source for ${codename} in ${sources_files[*]}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f "${keyring}" ]] || die "${keyring} is missing (package debian-archive-keyring)"

key="$( { cat "$0"; printf '%s %s\n' "${codename}" "${arch}"; cat "${sources_files[@]}"; } | sha256sum | cut -c1-12)"
RUNTIME_IMAGE="localhost/swarm-operator-base/runtime:${codename}-jre17-${key}"
BUILD_IMAGE="localhost/swarm-operator-base/build:${codename}-jdk17-maven-${key}"

work=""
mounted=()
cleanup() {
  local m
  for m in "${mounted[@]}"; do umount -l "${m}" 2>/dev/null || true; done
  [[ -n "${work}" ]] && rm -rf "${work}"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# in_chroot DIR CMD...: run CMD in the rootfs with /proc mounted (Java's postinst scripts need it)
# and service starts forbidden.
in_chroot() {
  local root="$1"; shift
  mount -t proc proc "${root}/proc"
  mounted+=("${root}/proc")
  printf '#!/bin/sh\nexit 101\n' >"${root}/usr/sbin/policy-rc.d"
  chmod 755 "${root}/usr/sbin/policy-rc.d"
  local rc=0
  LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot "${root}" "$@" || rc=$?
  rm -f "${root}/usr/sbin/policy-rc.d"
  umount "${root}/proc"
  mounted=("${mounted[@]:0:${#mounted[@]}-1}")
  return "${rc}"
}

# install_into DIR PACKAGE...: apt-get install with the host's sources, then remove the sources,
# the package lists, the .deb cache, documentation and man pages (the image carries no mirror name).
install_into() {
  local root="$1"; shift
  rm -rf "${root}/etc/apt/sources.list.d"
  mkdir -p "${root}/etc/apt/sources.list.d"
  rm -f "${root}/etc/apt/sources.list"
  local f
  for f in "${sources_files[@]}"; do cp "${f}" "${root}${f}"; done
  # Docs, translations and man pages are never unpacked (as in Debian's slim images); copyright
  # files stay. What debootstrap unpacked before this rule is removed below.
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    >"${root}/etc/dpkg/dpkg.cfg.d/no-docs"
  # The JRE's postinst registers alternatives with man pages: their directory must exist.
  mkdir -p "${root}/usr/share/man/man1"
  local log="${work}/apt.log"
  { in_chroot "${root}" apt-get update -qq \
      && in_chroot "${root}" apt-get -y -qq upgrade \
      && in_chroot "${root}" apt-get install -y -qq --no-install-recommends "$@" \
      && in_chroot "${root}" apt-get clean; } >"${log}" 2>&1 \
    || { tail -n 30 "${log}" >&2; die "apt-get in the ${root##*/} rootfs failed (log above)"; }
  rm -rf "${root}"/var/lib/apt/lists/* "${root}"/var/cache/apt/*.bin "${root}"/var/log/apt/* "${root}"/var/log/dpkg.log \
    "${root}/etc/apt/sources.list" "${root}"/etc/apt/sources.list.d/* "${root}"/usr/share/man/* "${root}"/tmp/* \
    "${root}"/usr/share/info/* "${root}"/usr/share/locale/*
  find "${root}/usr/share/doc" -type f ! -name copyright -delete
  find "${root}/usr/share/doc" -type l -delete
  find "${root}/usr/share/doc" -mindepth 1 -type d -empty -delete
  : >"${root}/etc/apt/sources.list"
}

# import TARBALL IMAGE: the rootfs tarball as a one-layer image.
import() {
  say "importing $1 as $2"
  podman import --quiet \
    --change 'ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV=LANG=C.UTF-8' --change 'CMD=["bash"]' \
    "$1" "$2" >/dev/null
}

pack() { # DIR TARBALL
  tar -C "$1" --numeric-owner --one-file-system -cf "$2.tmp" . && mv -f "$2.tmp" "$2"
}

runtime_tar="${cache}/runtime-${codename}-${key}.tar"
build_tar="${cache}/build-${codename}-${key}.tar"

if podman image exists "${RUNTIME_IMAGE}" && podman image exists "${BUILD_IMAGE}"; then
  say "cached: ${RUNTIME_IMAGE} and ${BUILD_IMAGE}"
else
  start=${SECONDS}
  work="$(mktemp -d "${cache}/work.XXXXXX")"
  if [[ ! -f "${runtime_tar}" ]]; then
    say "debootstrap ${codename} (${arch}, minbase) from the host's apt mirror"
    debootstrap --variant=minbase --arch="${arch}" --keyring="${keyring}" "${codename}" "${work}/runtime" "${mirror}" \
      >"${work}/debootstrap.log" 2>&1 || { tail -n 30 "${work}/debootstrap.log" >&2; die "debootstrap failed"; }
    say "runtime: installing ${RUNTIME_PACKAGES[*]} (with the host's updates and security suites)"
    install_into "${work}/runtime" "${RUNTIME_PACKAGES[@]}"
    in_chroot "${work}/runtime" java -version 2>&1 | sed 's/^/[image-base]   /' >&2
    pack "${work}/runtime" "${runtime_tar}"
  fi
  podman image exists "${RUNTIME_IMAGE}" || import "${runtime_tar}" "${RUNTIME_IMAGE}"
  if [[ ! -f "${build_tar}" ]]; then
    say "build: the runtime base + ${BUILD_PACKAGES[*]}"
    mkdir -p "${work}/build"
    tar -C "${work}/build" --numeric-owner -xf "${runtime_tar}"
    install_into "${work}/build" "${BUILD_PACKAGES[@]}"
    in_chroot "${work}/build" mvn -v 2>&1 | sed -n 1p | sed 's/^/[image-base]   /' >&2
    pack "${work}/build" "${build_tar}"
  fi
  podman image exists "${BUILD_IMAGE}" || import "${build_tar}" "${BUILD_IMAGE}"
  # Older keys are stale: drop their tarballs (images in podman's storage stay until pruned).
  find "${cache}" -maxdepth 1 -name '*.tar' ! -name "*-${key}.tar" -delete
  say "made in $((SECONDS - start))s"
fi
printf 'BUILD_IMAGE=%s\nRUNTIME_IMAGE=%s\n' "${BUILD_IMAGE}" "${RUNTIME_IMAGE}"
