# Sourced (not run) by the scripts: puts the project's own tools first on PATH, where bootstrap.sh
# installed them: Node.js (from .node-version, when the machine's Node is older), pnpm (the version
# of package.json's packageManager) and nats-server 2.10 (the broker production runs).
# NDXP_TOOLS_DIR chooses where they live (default .tools in the checkout; .ci/run uses a fresh one).
NDXP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NDXP_TOOLS_DIR="${NDXP_TOOLS_DIR:-$NDXP_ROOT/.tools}"
NDXP_NODE_VERSION="$(tr -d ' \n' <"$NDXP_ROOT/.node-version")"
NDXP_PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$NDXP_ROOT/package.json")"
NDXP_NODE_DIR="$NDXP_TOOLS_DIR/node-v$NDXP_NODE_VERSION"
NDXP_PNPM_DIR="$NDXP_TOOLS_DIR/pnpm-$NDXP_PNPM_VERSION"
NDXP_NATS_DIR="$NDXP_TOOLS_DIR/nats-server"
if [ -x "$NDXP_NATS_DIR/bin/nats-server" ]; then PATH="$NDXP_NATS_DIR/bin:$PATH"; fi
if [ -x "$NDXP_PNPM_DIR/bin/pnpm" ]; then PATH="$NDXP_PNPM_DIR/bin:$PATH"; fi
if [ -x "$NDXP_NODE_DIR/bin/node" ]; then
  PATH="$NDXP_NODE_DIR/bin:$PATH"
  # Native modules (better-sqlite3) build against this Node's own headers, with no download.
  export npm_config_nodedir="$NDXP_NODE_DIR"
fi
export PATH
