#!/usr/bin/env bash
# mmdebstrap --extract-hook for build-base-image.sh: $1 is the unpacked tree. The packages were only unpacked
# (--variant=extract runs no maintainer scripts), so this does the few things their scripts would have done that
# the services need, and records what is installed so that image scanners (Trivy, Grype) can read it.
set -euo pipefail
root="$1"
here="$(cd "$(dirname "$0")" && pwd)"

# dpkg's database from the downloaded packages' control files: scanners read /var/lib/dpkg/status.
status="$root/var/lib/dpkg/status"
: > "$status"
for deb in "$root"/var/cache/apt/archives/*.deb; do
  dpkg-deb -f "$deb" >> "$status"
  echo "Status: install ok installed" >> "$status"
  echo >> "$status"
done
echo "base image: $(grep -c '^Package:' "$status") packages recorded in /var/lib/dpkg/status"

# What update-alternatives would link: java and keytool on the PATH.
jre=/usr/lib/jvm/java-17-openjdk-amd64
for tool in java keytool; do ln -sf "$jre/bin/$tool" "$root/usr/bin/$tool"; done

# What ca-certificates and ca-certificates-java would generate: the PEM bundle and the JRE's trust store.
mkdir -p "$root/etc/ssl/certs/java"
find "$root/usr/share/ca-certificates/mozilla" -name '*.crt' | sort | xargs cat > "$root/etc/ssl/certs/ca-certificates.crt"
java "$here/TrustStoreFromPem.java" "$root/usr/share/ca-certificates/mozilla" "$root/etc/ssl/certs/java/cacerts"

# Accounts (base-passwd's script would write these): root, nobody and the services' user 10001.
cat > "$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
chartbrief:x:10001:10001:ChartBrief:/deployments:/usr/sbin/nologin
P
cat > "$root/etc/group" <<'G'
root:x:0:
nogroup:x:65534:
chartbrief:x:10001:
G
mkdir -p "$root/deployments" && chmod 0755 "$root/deployments"
chmod 1777 "$root/tmp"

# The dynamic linker's cache for the tree, as libc-bin's trigger would build it.
ldconfig -r "$root"

# Documentation and translations are not needed at run time (copyright files stay).
find "$root/usr/share/doc" -type f ! -name copyright -delete 2>/dev/null || true
rm -rf "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/locale" "$root/usr/share/lintian"
