#!/usr/bin/env bash
# Builds ChartBrief's base image from Debian 12 packages, without a container engine: mmdebstrap unpacks the
# packages into a tree, customize-base.sh finishes it, and the tree is written as one gzip layer in the
# `docker save` tarball format that Jib takes as a base (`tar://PATH`). Needs root (for file ownership in the tree),
# mmdebstrap and a JDK 17 (apt-get install mmdebstrap). Usage: build-base-image.sh [OUTPUT.tar]
# (default infra/images/target/chartbrief-base.tar). The image: OpenJDK 17 JRE (headless), dash, coreutils,
# util-linux (the model init container's flock), libgomp1 (llama.cpp), CA certificates, tzdata; user 10001.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(realpath -m "${1:-$here/target/chartbrief-base.tar}")"
suite=bookworm
mirror="${CHARTBRIEF_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=openjdk-17-jre-headless,dash,coreutils,util-linux,libgomp1,base-files,netbase,tzdata,ca-certificates
# Reproducible timestamps: the newest package's date is not known in advance, so a fixed date is used.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1764547200}"

command -v mmdebstrap >/dev/null || { echo "build-base-image: mmdebstrap not found (apt-get install mmdebstrap)" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "build-base-image: run as root (the tree's files must be owned by root)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmdebstrap --variant=extract --include="$packages" \
  --extract-hook="\"$here/customize-base.sh\" \"\$1\"" \
  "$suite" "$work/rootfs" "$mirror"

(cd "$work/rootfs" && tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner --xattrs -cf "$work/layer.tar" ./*)
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -n "$work/layer.tar"
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
versions="$(grep -E '^(Package|Version):' "$work/rootfs/var/lib/dpkg/status" | paste -d' ' - - | awk '{print $2"="$4}' \
  | grep -E '^(openjdk-17-jre-headless|libc6|libgomp1|base-files)=' | paste -sd' ')"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"10001:10001","WorkingDir":"/deployments",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"chartbrief-base","org.opencontainers.image.description":"Debian $suite packages: $versions"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"infra/images/build-base-image.sh: mmdebstrap --variant=extract $suite $packages"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["chartbrief-base:bookworm"],"Layers":["layer.tar.gz"]}]' > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar --mtime="@$SOURCE_DATE_EPOCH" -cf "$out" -C "$work" manifest.json config.json layer.tar.gz
echo "base image: $out ($(du -h "$out" | cut -f1), layer $diff_id)"
echo "base image: $versions"
