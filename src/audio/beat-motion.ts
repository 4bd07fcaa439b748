import type { AudioMotion } from './audio-motion.ts';

/**
 * A beat grid as the frames see it: where the first beat falls and how many frames a beat lasts.
 * A loop of whole bars uses `frames / beats` as its period rather than the tempo's own, so that its
 * last frame leads into its first exactly; rounding the length to whole frames shifts its tempo by
 * less than half a frame over the loop.
 */
export interface FrameBeats {
  /** The first beat, in frames (fractional), at or after frame 0. */
  readonly firstBeatFrame: number;
  readonly framesPerBeat: number;
  readonly beatsPerBar: number;
  /** Which beat of the grid (counted from the first) is a bar's first. */
  readonly downbeat: number;
  /**
   * The tracked beats, in frames (fractional), in order, the first at `firstBeatFrame`: where given, each
   * beat falls where the music put it (a drifting track stays in step); the grid's period only extends
   * them before the first and after the last.
   */
  readonly beatFrames?: readonly number[];
}

/**
 * How much faster than average z travels just after each beat, as a fraction: 0.8 makes it surge to
 * 1.8× the average speed on the beat and slow to 0.2× just before the next one, smoothly.
 */
const beatSurge = 0.8;
/** An accent strikes on the beat and dies away with this time constant, in beats: about 120 ms at 120 BPM. */
const accentDecayBeats = 0.25;
/** Beats other than a bar's first strike this fraction of a downbeat's accent. */
const offbeatAccent = 0.6;

/**
 * Beat-locked motion: z's travel surges on every beat and eases before the next, `1 / beatsPerTurn`
 * of a turn per beat, so a turn takes a whole number of beats; and each beat strikes an accent (a full
 * one on a bar's first beat) that decays within the beat. A pure function of the grid and the frames.
 * Position 0 is the first frame; it grows by exactly `frames / framesPerBeat / beatsPerTurn` turns over
 * the video, so a loop of whole turns joins up.
 */
export function beatMotion(beats: FrameBeats, beatsPerTurn: number, frames: number): AudioMotion {
  const { beatsPerBar, downbeat } = beats;
  const beatAt = beatCounter(beats);
  // Beats since the first (negative before it), with the surge eased in.
  const travelled = (frame: number) => {
    const beat = beatAt(frame);
    const within = beat - Math.floor(beat);
    return Math.floor(beat) + within + (beatSurge * Math.sin(2 * Math.PI * within)) / (2 * Math.PI);
  };
  const origin = travelled(0);
  const position = new Float64Array(frames);
  const pulse = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    position[f] = (travelled(f) - origin) / beatsPerTurn;
    // The accent strikes on the frame nearest its beat (up to half a frame early, never more than half a
    // frame late): the first frame whose middle-to-next half reaches the beat.
    const index = Math.floor(beatAt(f + 0.5));
    const since = Math.max(0, beatAt(f) - index);
    const onDownbeat = (((index - downbeat) % beatsPerBar) + beatsPerBar) % beatsPerBar === 0;
    pulse[f] = (onDownbeat ? 1 : offbeatAccent) * Math.exp(-since / accentDecayBeats);
  }
  return { position, pulse };
}

/**
 * Beats counted continuously at a frame: 0 on the first beat, k on the k-th, linear between beats. On a
 * grid that is `(frame − first) / framesPerBeat`; with tracked beats each interval has its own length.
 */
function beatCounter({ firstBeatFrame, framesPerBeat, beatFrames }: FrameBeats): (frame: number) => number {
  if (!beatFrames || beatFrames.length < 2) return (frame) => (frame - firstBeatFrame) / framesPerBeat;
  const last = beatFrames.length - 1;
  const firstInterval = beatFrames[1] - beatFrames[0];
  const lastInterval = beatFrames[last] - beatFrames[last - 1];
  return (frame) => {
    if (frame < beatFrames[0]) return (frame - beatFrames[0]) / firstInterval;
    if (frame >= beatFrames[last]) return last + (frame - beatFrames[last]) / lastInterval;
    let low = 0;
    let high = last;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (beatFrames[mid] <= frame) low = mid;
      else high = mid;
    }
    return low + (frame - beatFrames[low]) / (beatFrames[low + 1] - beatFrames[low]);
  };
}

/** Seconds a turn should take when nothing says otherwise: the same pace as other audio renders. */
const secondsPerTurn = 8;

/**
 * Bars per turn round the path: the whole number of bars nearest 8 s. For a loop of `bars` bars, a
 * divisor of it, so the loop holds whole turns.
 */
export function barsPerTurn(barSeconds: number, bars?: number): number {
  const ideal = Math.max(1, Math.round(secondsPerTurn / barSeconds));
  if (bars === undefined) return ideal;
  let best = bars;
  for (let d = 1; d <= bars; d++) if (bars % d === 0 && Math.abs(d - ideal) < Math.abs(best - ideal)) best = d;
  return best;
}

/** A recipe's beat grid, as far as the motion needs it. */
export interface BeatSpec {
  readonly bpm: number;
  readonly beatsPerBar: number;
  readonly firstBeatSeconds: number;
  readonly downbeat: number;
  readonly bars?: number;
  /** The tracked beats in seconds from the video's start, when a track gave them. */
  readonly times?: readonly number[];
}

/** Times round the path over the video, for beat-driven travel: a whole number of bars per turn. */
export function beatTurns(beat: BeatSpec, frames: number, fps: number): number {
  const barSeconds = (beat.beatsPerBar * 60) / beat.bpm;
  const perTurn = barsPerTurn(barSeconds, beat.bars);
  return (beat.bars ?? frames / fps / barSeconds) / perTurn;
}

/** The grid in frames: a loop of whole bars spreads its beats evenly over its frames. */
export function frameBeatsOf(beat: BeatSpec, frames: number, fps: number): FrameBeats {
  const framesPerBeat = beat.bars !== undefined ? frames / (beat.bars * beat.beatsPerBar) : (fps * 60) / beat.bpm;
  const grid = { firstBeatFrame: beat.firstBeatSeconds * fps, framesPerBeat, beatsPerBar: beat.beatsPerBar, downbeat: beat.downbeat };
  return beat.times && beat.times.length >= 2 ? { ...grid, beatFrames: beat.times.map((t) => t * fps) } : grid;
}
