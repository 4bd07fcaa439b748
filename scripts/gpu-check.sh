#!/usr/bin/env bash
# Proves the GPU path on a Linux machine with an NVIDIA GPU, in one go (run it from anywhere):
#   scripts/gpu-check.sh [FRAMES]        (default 30 frames a topology)
# 1. checks that there is an NVIDIA GPU with its driver (nvidia-smi), and stops with one line where not;
# 2. sets up what headless-gl (the `gl` package, which gpu.js drives) needs: its native part built
#    (npm 11 runs no install script until approved), and a display whose OpenGL is the NVIDIA driver's.
#    headless-gl asks ANGLE for EGL's default display, which ANGLE opens on the X display in $DISPLAY
#    through GLX. Xvfb will not do: its GLX is Mesa's, so every context there is software (llvmpipe)
#    even on a machine with a GPU. So this uses $DISPLAY if its GLX is NVIDIA's, else starts Xorg with
#    the NVIDIA driver on a virtual screen with no monitor (what VirtualGL does on headless servers;
#    needs root, the X server and the driver's Xorg module), and refuses to go on if the context it
#    gets is not on the NVIDIA driver (software GL would prove nothing);
# 3. runs the GPU backend's agreement tests (test/gpu-backend.test.ts: every topology and activation
#    within 2/255 of the float64 reference) and fails if they fail or were skipped;
# 4. measures 1920×1080 frames per second for each topology (`zsweep bench --backend gpu`), with the
#    CPU path beside it, and prints one Markdown table with the GPU's name, the driver and the date.
# Not run by the tests or CI (they have no GPU). Exit status: 0 proven, 1 anything else.
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-30}
say() { echo "gpu-check: $*" >&2; }
fail() {
  say "$*"
  exit 1
}

# 1. An NVIDIA GPU and its driver.
[ "$(uname -s)" = Linux ] || fail "needs Linux with an NVIDIA GPU; this is $(uname -s): the GPU path was not checked"
command -v nvidia-smi >/dev/null ||
  fail "no NVIDIA GPU here (nvidia-smi is not installed: no NVIDIA driver); run this on a Linux machine with an NVIDIA GPU and its driver"
gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -n 1) || true
[ -n "$gpu" ] || fail "nvidia-smi found no NVIDIA GPU (or cannot talk to the driver): $(nvidia-smi -L 2>&1 | head -n 1)"
gpu_name=${gpu%%, *}
driver=${gpu##*, }
say "GPU: $gpu_name, driver $driver"

# 2a. headless-gl's native part. Prebuilt binaries cover common Node versions; otherwise npm builds it,
# which needs a compiler and the X and GL headers.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  command -v apt-get >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}
[ -d node_modules ] || npm ci --no-audit --no-fund
if ! node -e "require('gl')" 2>/dev/null; then
  say "building headless-gl (the gl package)"
  apt_install python3 make g++ pkg-config libxi-dev libx11-dev libxext-dev libgl1-mesa-dev || true
  npm install-scripts approve gl >/dev/null 2>&1 || true
  npm rebuild gl >/dev/null 2>&1 || npm install --no-save --no-audit --no-fund gl@8 >/dev/null 2>&1 || true
  node -e "require('gl')" 2>/dev/null ||
    fail "headless-gl (the gl package) does not load: install python3 make g++ libxi-dev libx11-dev libxext-dev libgl1-mesa-dev and run npm rebuild gl"
fi

# 2b. A display whose OpenGL is NVIDIA's. The probe makes a context and reads, from the libraries the
# process has loaded, which OpenGL driver serves it: NVIDIA's, or a software one.
probe_gl() {
  node -e '
    const gl = require("gl")(8, 8);
    if (!gl) { console.log("none"); process.exit(); }
    const maps = require("fs").readFileSync("/proc/self/maps", "utf8");
    if (/libGLX_nvidia|libnvidia-glcore|libnvidia-eglcore/.test(maps)) console.log("nvidia");
    else if (/swrast_dri|kms_swrast|swiftshader|llvmpipe/.test(maps)) console.log("software");
    else console.log("other");
  ' 2>/dev/null || echo none
}
xorg_pid=
cleanup() { [ -z "$xorg_pid" ] || as_root kill "$xorg_pid" 2>/dev/null || true; }
trap cleanup EXIT
found=$( [ -n "${DISPLAY:-}" ] && probe_gl || echo none)
if [ "$found" != nvidia ]; then
  [ -z "${DISPLAY:-}" ] || say "DISPLAY=$DISPLAY gives $found OpenGL, not NVIDIA's: starting Xorg with the NVIDIA driver"
  command -v Xorg >/dev/null || apt_install xserver-xorg-core || true
  command -v Xorg >/dev/null || fail "no X server (Xorg) to run the NVIDIA driver's OpenGL on; install xserver-xorg-core and the driver's Xorg module, or give a DISPLAY that has NVIDIA GLX"
  bus=$(nvidia-smi --query-gpu=pci.bus_id --format=csv,noheader | head -n 1)
  # 00000000:17:00.0 (hex) → PCI:23:0:0 (decimal), as Xorg's BusID wants it.
  IFS=':.' read -r _ b d f <<<"$bus"
  busid="PCI:$((16#$b)):$((16#$d)):$((16#$f))"
  conf=$(mktemp /tmp/zsweep-xorg-XXXXXX.conf)
  cat >"$conf" <<EOF
Section "ServerLayout"
    Identifier "zsweep"
    Screen 0 "Screen0"
EndSection
Section "Device"
    Identifier "Device0"
    Driver "nvidia"
    BusID "$busid"
    Option "AllowEmptyInitialConfiguration" "True"
    Option "UseDisplayDevice" "None"
EndSection
Section "Screen"
    Identifier "Screen0"
    Device "Device0"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Virtual 1920 1080
    EndSubSection
EndSection
EOF
  display=:97
  as_root Xorg "$display" -config "$conf" -noreset -nolisten tcp >/tmp/zsweep-xorg.log 2>&1 &
  xorg_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.2; done
  export DISPLAY=$display
  found=$(probe_gl)
  [ "$found" = nvidia ] ||
    fail "could not get the NVIDIA driver's OpenGL for headless-gl (got: $found); Xorg's log: /tmp/zsweep-xorg.log (is the driver's Xorg module, nvidia_drv.so, installed?)"
fi
say "headless-gl runs on the NVIDIA driver (DISPLAY=$DISPLAY)"

# 3. The GPU backend's agreement tests, run for real on the GPU: none may fail or be skipped.
log=$(mktemp)
if ! node --import tsx node_modules/uvu/bin.js test gpu-backend 2>&1 | tee "$log" >&2; then
  fail "the GPU backend's agreement tests failed (above)"
fi
# (Where the GPU runs, the test of the message for a machine without one is skipped, as it should be.)
if grep -q 'SKIPPED: on the GPU' "$log"; then fail "the agreement test on the GPU was skipped (above): the GPU path was not checked"; fi

# 4. 1920×1080 frames per second for each topology, the CPU path beside it.
npm run build >/dev/null
bench() {
  NO_COLOR=1 node bin/zsweep.js bench --size 1920x1080 --frames "$frames" --backend "$1" --arch "$2" --json | head -n 1
}
rows=()
for arch in densenet perceptron resnet; do
  gpu_json=$(bench gpu "$arch") || fail "zsweep bench --backend gpu --arch $arch failed"
  cpu_json=$(bench cpu "$arch") || fail "zsweep bench --backend cpu --arch $arch failed"
  rows+=("$(node -e '
    const [arch, g, c] = [process.argv[1], JSON.parse(process.argv[2]), JSON.parse(process.argv[3])];
    if (!/HeadlessGLKernel/.test(g.backend) || /software GL/.test(g.backend)) { console.error(`not on the GPU: ${g.backend}`); process.exit(1); }
    const fps = (r) => (1000 / r.msPerFrame).toFixed(1);
    console.log(`| ${arch} | ${g.msPerFrame.toFixed(1)} | ${fps(g)} | ${c.msPerFrame.toFixed(1)} | ${fps(c)} | ${g.backend} |`);
  ' "$arch" "$gpu_json" "$cpu_json")") || fail "the GPU bench for $arch did not run on the GPU"
done

echo "GPU: $gpu_name (driver $driver); CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) vCPUs; Node $(node -p process.versions.node); $(date -u +%Y-%m-%d)"
echo "1920×1080, default network of each topology, median of $frames frames after one untimed frame"
echo
echo "| topology | gpu ms a frame | gpu frames/s | cpu ms a frame | cpu frames/s | backend that ran |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
