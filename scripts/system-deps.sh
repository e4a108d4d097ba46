#!/usr/bin/env bash
# Installs the real servers and browser the test suite starts for itself (issue #15: Redis; issue #16:
# Chromium), from Debian's packages, when they are missing. Idempotent: a machine that has them pays one
# `command -v` each. Called by the README's test command, so a clean clone on a fresh Debian machine needs
# nothing installed by hand.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "system-deps: ${missing[*]} missing and not running as root (no sudo): install them with apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "system-deps: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for tool in "${missing[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "system-deps: $tool still missing after apt-get install" >&2; exit 1; }
done
