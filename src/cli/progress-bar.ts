import cliProgress from 'cli-progress';

/** Frames done, frames per second and time left, on stderr, for a render of `total` frames. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function createProgress(total: number, { quiet, label, unit = 'frames' }: { quiet: boolean; label: string; unit?: string }): Progress {
  if (quiet) return { update() {}, stop() {} };
  const started = performance.now();
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} ${unit} | {speed} ${unit === 'frames' ? 'fps' : `${unit}/s`} | ETA {eta_formatted}`,
    barsize: 24,
    hideCursor: false,
    // A log (not a terminal) gets a line every few seconds rather than nothing.
    noTTYOutput: true,
    notTTYSchedule: 5000,
    etaBuffer: 20,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { speed: '0.0' });
  return {
    update(done) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { speed: seconds > 0 ? (done / seconds).toFixed(1) : '0.0' });
    },
    stop() {
      bar.stop();
    },
  };
}
