#!/usr/bin/env bash
# Installs what a fresh machine lacks: nats-server, openssl (test certificates) and chromium (the
# dashboard's browser test) from Debian's packages, pnpm 10, the workspace's dependencies; then builds. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The browser is only for tests; NDXP_SKIP_CHROMIUM=1 skips it (the dashboard test then says why it skips).
if [ "${NDXP_SKIP_CHROMIUM:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]} (apt)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v pnpm >/dev/null 2>&1; then
  echo "bootstrap: installing pnpm 10 (npm)"
  npm i -g pnpm@10 >/dev/null
fi
echo "bootstrap: installing dependencies (pnpm)"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^(Progress|\s*$)' | tail -n 5 || true
test -d node_modules/.pnpm || { echo "bootstrap: pnpm install failed" >&2; exit 1; }
echo "bootstrap: building"
pnpm -s build
