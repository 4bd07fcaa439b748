import cliProgress from 'cli-progress';
import { reactText } from '../audio/react.ts';
import { platformTargets } from '../encoders/platform-targets.ts';
import type { Recipe } from '../recipe/recipe.ts';
import type { LookReport } from '../render/measure-look.ts';
import type { RenderEvent } from '../render/render.ts';
import { terminalText } from './terminal-text.ts';

/** Prints a render's events on stderr: what runs, and a progress bar with frames per second and time left. */
export interface EventPrinter {
  readonly onEvent: (event: RenderEvent) => void;
  /** Ends the progress bar's line; call once the render is over, however it ended. */
  stop(): void;
}

export function printEvents({ quiet, stream = process.stderr }: { quiet: boolean; stream?: NodeJS.WriteStream }): EventPrinter {
  if (quiet) return { onEvent() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  // Seeds, names and paths come from the user's files: no control character reaches the terminal raw.
  const say = (line: string) => stream.write(`zsweep: ${terminalText(line)}\n`);
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'started': {
          if (event.kind !== 'animation') return;
          const { width, height, aa, frames, fps, seed, backend, ffmpeg, audio, beat, target, speed } = event;
          say(
            `${width}×${height}${aa > 1 ? ` (supersampled ${aa}×)` : ''}, ${frames} frames at ${fps} fps, seed ${seed}, backend ${backend}`,
          );
          if (speed) say(`speed ${speed.speed}: radius ${speed.radius}, measured`);
          if (ffmpeg) say(`ffmpeg ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})`);
          if (audio) {
            const { name, durationSeconds, analysisSeconds, startSeconds } = audio.track;
            const from = startSeconds > 0 ? ` from ${startSeconds.toFixed(2)} s` : '';
            const turns = Number(audio.turns.toFixed(3));
            say(
              `audio ${name}${from}, ${durationSeconds.toFixed(1)} s (analysed in ${analysisSeconds.toFixed(1)} s), ${reactText(audio.react)}, ${turns} turn${turns === 1 ? '' : 's'}`,
            );
          }
          if (beat) say(describeBeat(beat, frames, fps));
          if (target)
            say(`for ${platformTargets[target].label}: its size, frame rate, length and encoding; the file is checked when written`);
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
        case 'flash-limit': {
          const { before, after, accentBefore, accentAfter } = event;
          if (accentAfter === accentBefore) say(`flashes: at most ${before} a second (WCAG 2.3.1 allows 3)`);
          else
            say(
              `flashes: ${before} a second at accent ${accentBefore}, more than WCAG 2.3.1's 3: accent lowered to ${accentAfter} (${after} a second)${after > 3 ? '; the motion flashes even without accents: lower --turns or the tempo' : ''}; --flash-limit off keeps it`,
            );
          return;
        }
        case 'look': {
          say(describeLook(event));
          return;
        }
        case 'reduced': {
          const { format, fps, width, height, reduced, psnr } = event;
          const quality = psnr === undefined ? '' : `, ${psnr.toFixed(1)} dB`;
          say(
            `--max-size: the ${format} fits at an acceptable quality only at ${reduced.fps} fps, ${reduced.width}×${reduced.height} (asked: ${fps} fps, ${width}×${height}), so it is written at that${quality}; its recipe records it`,
          );
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

/** One line on what measuring the look found: a speed out of reach, or a flat picture, and what changes it. */
export function describeLook(report: LookReport): string {
  if (report.flat)
    return 'warning: the picture is nearly one flat colour at every path size tried; try another --seed, --beta or --activation';
  if ((report.reached ?? 0) > (report.asked ?? 0))
    return `warning: --speed ${report.asked} is out of reach: even the smallest path moves at ${report.reached}, since this network changes with every step of z; a lower --beta calms it`;
  const why =
    report.limit === 'bound' ? 'the path is at its largest' : 'a larger path stops adding motion and turns the picture to flat colour';
  return `warning: --speed ${report.asked} is out of reach for this picture at this length: it moves at ${report.reached} (${why}); a shorter loop, another --seed, or a higher --beta moves faster`;
}

/** `beat 120.0 BPM, 4/4, first beat at 0.10 s; a loop of 4 bars: 240 frames (8.000 s)`. */
export function describeBeat(beat: NonNullable<Recipe['beat']>, frames: number, fps: number): string {
  const head = `beat ${beat.bpm.toFixed(1)} BPM, ${beat.beatsPerBar} to a bar, first beat at ${beat.firstBeatSeconds.toFixed(2)} s`;
  if (beat.bars === undefined) return head;
  const seconds = frames / fps;
  const asRendered = (beat.bars * beat.beatsPerBar * 60) / seconds;
  const shift = Math.abs(asRendered / beat.bpm - 1) > 1e-4 ? ` (${asRendered.toFixed(2)} BPM in whole frames)` : '';
  return `${head}; a loop of ${beat.bars} bar${beat.bars === 1 ? '' : 's'}: ${frames} frames, ${seconds.toFixed(3)} s${shift}`;
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
      // Before the first frame the ETA is not a number (cli-progress passes "INF", shown as "NFs").
      formatTime: (t, options, round) => (Number.isFinite(t) ? cliProgress.Format.TimeFormat(t, options, round) : '…'),
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { speed: '0.0' });
  return bar;
}
