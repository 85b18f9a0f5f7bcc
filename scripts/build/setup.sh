#!/usr/bin/env bash
# Sets up a development machine: system packages (Debian/Ubuntu, as root or with sudo),
# npm dependencies, and Sotto's whisper.cpp addon built from source for this CPU.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A headless Linux machine (CI, servers) runs the engine and tests, never Electron: skip its download there.
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
fi
# onnxruntime-node's installer fetches optional CUDA files (its CPU binaries ship in the package);
# Playwright uses the system Chromium.
export ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Build tools for the addon, and what the tests use: a PulseAudio virtual microphone,
# espeak-ng/sox for speech, Chromium for the UI tests, Xvfb/xdotool for the global hotkey test.
# The Vulkan backend's headers and shader compiler, and Mesa's software Vulkan driver (lavapipe), which the
# GPU tests run Whisper on (test-support/models/release-build.ts builds the release layout with Vulkan).
APT_PACKAGES=(cmake g++ make python3 pulseaudio pulseaudio-utils espeak-ng sox chromium xvfb xauth xdotool
  libvulkan-dev glslc spirv-headers mesa-vulkan-drivers)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "== apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "(not a Debian-like system: install cmake, a C++ compiler, and for the tests pulseaudio, espeak-ng, sox, chromium yourself)"
fi

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== native addon (whisper.cpp, built from source for this CPU)"
npm run build:native
