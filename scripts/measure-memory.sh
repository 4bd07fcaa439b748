#!/bin/sh
# Peak memory of 100-frame and 10,000-frame renders at 256×256 for every format (docs/long-renders.md).
# zsweep's own peak (process.resourceUsage().maxRSS) and, from /usr/bin/time, the largest of zsweep and
# its ffmpeg. Usage: scripts/measure-memory.sh [FORMAT…]   (formats: gif mp4 mp4-whole webm png)
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- gif mp4 mp4-whole png webm
for format in "$@"; do
  for frames in 100 10000; do
    case $format in
      mp4-whole) out="$work/x.mp4"; extra="--segment-threshold 100000" ;;
      png) out="$work/frames/%05d.png"; extra="" ;;
      *) out="$work/x.$format"; extra="" ;;
    esac
    start=$(date +%s)
    # shellcheck disable=SC2086
    /usr/bin/time -f "time-max-rss-kib %M" node --import ./scripts/report-max-rss.mjs bin/zsweep.js \
      --seed 1 --size 256x256 --frames "$frames" --quiet --out "$out" $extra 2> "$work/err" > /dev/null
    self=$(sed -n 's/^max-rss-kib //p' "$work/err")
    all=$(sed -n 's/^time-max-rss-kib //p' "$work/err")
    echo "$format $frames frames: zsweep $((self / 1024)) MiB, largest process $((all / 1024)) MiB, $(( $(date +%s) - start )) s"
    rm -rf "$work/x."* "$work/frames"
  done
done
