#!/usr/bin/env bash
# The arm64 proof: publishes the kiosk for linux-arm64, self-contained, exactly as the technician does for a
# Raspberry Pi, and runs its --self-test (model, golden questions, answers, GPIO settings) under qemu-user.
# Installs what is missing, like tests/run.sh: Debian's qemu-user and the arm64 libraries the kiosk links
# (libc6, libstdc++6, ICU, OpenSSL) after `dpkg --add-architecture arm64`.
# ONNX Runtime reads /proc/cpuinfo to learn the CPU and crashes on the host's x86 one under qemu-user, so a
# Raspberry Pi 4's (pi4-cpuinfo.txt, beside this script) is bind-mounted over it in a private mount namespace
# (unshare -m): only the self-test sees it. qemu emulates a Pi 4's own CPU (-cpu cortex-a72), not its default
# "max" CPU: ONNX Runtime picks its int8 kernels by the CPU's features, and "max" offers dot-product and
# matrix-multiply instructions a Pi 4 does not have (under "max" an int8 model's golden 0.96 came out 0.65).
# .NET's W^X (code written through one mapping, run through another) is off under qemu-user: qemu does not see
# writes through the second mapping and can run stale code; it showed as a NullReferenceException in the answers
# check (4 of 5 runs on -cpu neoverse-n1, 1 in ~10 on cortex-a72; 0 of 5 and 0 of 2 with it off). A Pi needs no such setting.
# Needs root or sudo (CI runs as root).
# Prints the self-test's report; exit status: the self-test's (0 passed), or 2 when the setup itself failed.
# Extra arguments go to the self-test (e.g. --Hardware:ButtonPin=5). Broker:Host is set as a kiosk's bundle sets it
# (the self-test opens no connection): Production refuses the embedded development broker.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"

# ICU and OpenSSL must be the host's versions (multiarch packages of one name share a version).
icu=$(dpkg-query -W -f='${Package}\n' 'libicu[0-9]*' 2>/dev/null | grep -E '^libicu[0-9]+$' | head -n1)
ssl=$(dpkg-query -W -f='${Package}\n' 'libssl[0-9]*' 2>/dev/null | grep -E '^libssl[0-9]+(t64)?$' | head -n1)
wanted=(qemu-user libc6:arm64 libstdc++6:arm64 "${icu:-libicu72}:arm64" "${ssl:-libssl3}:arm64")
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the arm64 self-test needs: ${missing[*]}"
  dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}"; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kioskassist-arm64.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
# Own artifacts folder: the repository's obj/ and bin/ (which a parallel test run may be using) stay untouched.
if ! dotnet publish firmware-host -c Release -r linux-arm64 --self-contained -o "$work/publish" \
     --artifacts-path "$work/artifacts" -nologo -v quiet > "$work/publish.log" 2>&1; then
  cat "$work/publish.log"; echo "arm64 publish failed"; exit 2
fi
published=$(date +%s)
file -b "$work/publish/kioskassist" 2>/dev/null | sed 's/^/published: /' || true

$sudo env DOTNET_EnableWriteXorExecute=0 unshare -m sh -c 'mount --bind "$1" /proc/cpuinfo && shift && exec timeout 900 qemu-aarch64 -cpu cortex-a72 "$@"' \
  sh "$PWD/tests/arm64/pi4-cpuinfo.txt" "$work/publish/kioskassist" --self-test --Broker:Host=mqtt.store.example "$@"
status=$?
echo "arm64: publish $((published - started)) s, self-test under qemu $(($(date +%s) - published)) s, exit $status"
exit "$status"
