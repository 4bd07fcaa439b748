import cliProgress from 'cli-progress';
import { reactText } from '../audio/react.ts';
import type { RenderEvent } from '../render/render.ts';

/** Prints a render's events on stderr: what runs, and a progress bar with frames per second and time left. */
export interface EventPrinter {
  readonly onEvent: (event: RenderEvent) => void;
  /** Ends the progress bar's line; call once the render is over, however it ended. */
  stop(): void;
}

export function printEvents({ quiet, stream = process.stderr }: { quiet: boolean; stream?: NodeJS.WriteStream }): EventPrinter {
  if (quiet) return { onEvent() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  const say = (line: string) => stream.write(`zsweep: ${line}\n`);
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'started': {
          if (event.kind !== 'animation') return;
          const { width, height, aa, frames, fps, seed, backend, ffmpeg, audio, speed } = event;
          say(
            `${width}×${height}${aa > 1 ? ` (supersampled ${aa}×)` : ''}, ${frames} frames at ${fps} fps, seed ${seed}, backend ${backend}`,
          );
          if (speed) say(`speed ${speed.speed}: radius ${speed.radius}, measured`);
          if (ffmpeg) say(`ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})`);
          if (audio) {
            const { name, durationSeconds, analysisSeconds } = audio.track;
            say(
              `audio ${name}, ${durationSeconds.toFixed(1)} s (analysed in ${analysisSeconds.toFixed(1)} s), ${reactText(audio.react)}, ${audio.turns} turn${audio.turns === 1 ? '' : 's'}`,
            );
          }
          return;
        }
        case 'segments': {
          const share = event.shard ? `; shard ${event.shard.number}/${event.shard.count} renders its share` : '';
          say(
            `${event.folder}: ${event.total} segments of ${event.segmentFrames} frames (${event.opened})${share}; if stopped, the same command resumes`,
          );
          return;
        }
        case 'progress': {
          if (event.done === 0 || !bar) {
            stop();
            bar = startBar(stream, event.phase, event.unit, event.total);
          }
          bar.update(event.done, { speed: event.perSecond.toFixed(1) });
          return;
        }
        case 'shard-done': {
          stop();
          const join = `zsweep join ${event.folder} --out ${event.target}`;
          say(
            event.present === event.total
              ? `all ${event.total} segments are there: ${join}`
              : `${event.present} of ${event.total} segments are there; when every shard is done: ${join}`,
          );
          return;
        }
      }
    },
    stop,
  };
}

function startBar(stream: NodeJS.WriteStream, label: string, unit: string, total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} ${unit} | {speed} ${unit === 'frames' ? 'fps' : `${unit}/s`} | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: false,
      // A log (not a terminal) gets a line every few seconds rather than nothing.
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { speed: '0.0' });
  return bar;
}
