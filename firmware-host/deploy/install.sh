#!/usr/bin/env bash
# Installs or upgrades KioskAssist on a Raspberry Pi (64-bit Raspberry Pi OS Bookworm). Run as root:
#
#   sudo ./install.sh PUBLISHED_DIR BUNDLE_DIR
#
# PUBLISHED_DIR: `dotnet publish firmware-host -c Release -r linux-arm64 --self-contained -o PUBLISHED_DIR`.
# BUNDLE_DIR:    this kiosk's bundle from `kafleet provision` (kiosk.key, kiosk.crt, ca.crt, rollout-signing.pub,
#                appsettings.Production.json).
#
# Puts the build in /opt/kioskassist (root-owned, read-only to the service), the bundle in /etc/kioskassist (the key
# 0600 and owned by the service user), the database folder /var/lib/kioskassist, the systemd units and the
# touchscreen launcher; runs the new build's --self-test as the service user before switching to it; then enables
# and (re)starts the service. Safe to run again: an upgrade keeps the previous build in /opt/kioskassist.previous and
# goes back to it if the new one fails its self-test or does not start.
set -euo pipefail

usage() { echo "usage: sudo $0 PUBLISHED_DIR BUNDLE_DIR" >&2; exit 2; }
fail() { echo "install: $*" >&2; exit 1; }
[ $# -eq 2 ] || usage
[ "$(id -u)" -eq 0 ] || fail "run as root (sudo)"
published=$(realpath "$1"); bundle=$(realpath "$2")
here=$(dirname "$(realpath "$0")")

service=kioskassist
user=kioskassist
app=/opt/kioskassist
config=/etc/kioskassist
state=/var/lib/kioskassist
bundle_files=(kiosk.key kiosk.crt ca.crt rollout-signing.pub appsettings.Production.json)

# Check everything before changing anything.
[ -x "$published/kioskassist" ] || fail "$published/kioskassist is missing: publish with -r linux-arm64 --self-contained"
[ -f "$published/model/manifest.json" ] || fail "$published/model is missing: not a kiosk build"
for file in "${bundle_files[@]}"; do
  [ -f "$bundle/$file" ] || fail "$bundle/$file is missing: not a device bundle (kafleet provision)"
done
for file in kioskassist.service kioskassist-screen.service kioskassist-screen kioskassist-screen.desktop; do
  [ -f "$here/$file" ] || fail "$here/$file is missing: run the install.sh that came with this build"
done
case "$(uname -m)" in aarch64|arm64) ;; *) echo "install: warning: this machine is $(uname -m), the build is for linux-arm64" >&2 ;; esac

echo "== packages"
needed=()
for package in libgpiod2 curl; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || needed+=("$package")
done
if [ ${#needed[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}"
fi

echo "== service user $user"
getent group gpio >/dev/null || { echo "install: warning: no gpio group (not Raspberry Pi OS?); creating one" >&2; groupadd --system gpio; }
getent group "$user" >/dev/null || groupadd --system "$user"
id -u "$user" >/dev/null 2>&1 || useradd --system --gid "$user" --home-dir "$state" --no-create-home --shell /usr/sbin/nologin "$user"
usermod -a -G gpio "$user"   # for the self-test run below; the unit adds the group itself (SupplementaryGroups)

echo "== bundle -> $config"
# Keep the bundle now installed: if the new build or bundle fails, both go back together.
rm -rf "$config.previous"
[ -d "$config" ] && cp -a "$config" "$config.previous"
restore_config() {
  if [ -d "$config.previous" ]; then rm -rf "$config" && mv "$config.previous" "$config"; fi
}
# The kiosk renews its own certificate (a new key made here, the signed certificate swapped in): it writes kiosk.key,
# kiosk.crt and kiosk.key.pending in this folder, so the folder and those files are the service user's.
install -d -o "$user" -g "$user" -m 0700 "$config"
install -o "$user" -g "$user" -m 0600 "$bundle/kiosk.key" "$config/kiosk.key"
install -o "$user" -g "$user" -m 0644 "$bundle/kiosk.crt" "$config/kiosk.crt"
for file in ca.crt rollout-signing.pub; do
  install -o root -g "$user" -m 0644 "$bundle/$file" "$config/$file"
done
install -o root -g "$user" -m 0640 "$bundle/appsettings.Production.json" "$config/appsettings.Production.json"
install -d -o "$user" -g "$user" -m 0700 "$state"

echo "== build -> $app.new"
rm -rf "$app.new"
cp -a "$published" "$app.new"
chown -R root:root "$app.new"
chmod -R u=rwX,go=rX "$app.new"
chmod 0755 "$app.new/kioskassist"
# The kiosk reads appsettings.Production.json beside its binary; the bundle's stays the one in /etc.
ln -sfn "$config/appsettings.Production.json" "$app.new/appsettings.Production.json"

self_test() { # $1: the build folder; runs as the service would
  runuser -u "$user" -- env DOTNET_ENVIRONMENT=Production "Storage__Database=$state/kiosk.db" "HOME=$state" \
    "$1/kioskassist" --self-test
}
echo "== self-test of the new build, as $user"
if ! self_test "$app.new"; then
  rm -rf "$app.new"
  restore_config
  fail "the new build failed its self-test (above); $app and $config are as they were"
fi

echo "== switch to the new build"
systemctl stop "$service" 2>/dev/null || true
if [ -d "$app" ]; then
  rm -rf "$app.previous"
  mv "$app" "$app.previous"
fi
mv "$app.new" "$app"

echo "== systemd units and the touchscreen launcher"
install -m 0644 "$here/kioskassist.service" /etc/systemd/system/kioskassist.service
install -D -m 0644 "$here/kioskassist-screen.service" /etc/systemd/user/kioskassist-screen.service
install -m 0755 "$here/kioskassist-screen" /usr/local/bin/kioskassist-screen
install -D -m 0644 "$here/kioskassist-screen.desktop" /etc/xdg/autostart/kioskassist-screen.desktop
systemctl daemon-reload
systemctl enable "$service" >/dev/null
systemctl restart "$service"   # returns once the kiosk said READY=1, or fails

if ! systemctl is-active --quiet "$service"; then
  journalctl -u "$service" -n 30 --no-pager || true
  if [ -d "$app.previous" ]; then
    echo "install: the new build did not start; going back to the previous one" >&2
    rm -rf "$app.failed" && mv "$app" "$app.failed" && mv "$app.previous" "$app"
    restore_config
    systemctl restart "$service" || true
  fi
  fail "$service did not start (journal above)"
fi

rm -rf "$config.previous" # the old bundle's key has no business lingering once the new one runs
systemctl --no-pager --lines=0 status "$service" || true
echo "installed: $(readlink -f "$app") running as $user; the touchscreen starts with the next desktop login (or: systemctl --user start kioskassist-screen)"
