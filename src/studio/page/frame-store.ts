/**
 * Which frames of a loop a player keeps when they do not all fit: a loop is played in order, round and
 * round, so the frame to forget is the one needed furthest in the future (Belady's choice, optimal
 * for a cyclic walk). That is the one just played, never the one about to be: a store smaller than
 * the loop becomes a window rolling ahead of the playhead, and a frame that arrives for the next
 * position is never thrown away for being "furthest behind".
 */

/** How many frames from `playhead`, going forward round the loop, until `frame` plays again (0: it is showing). */
export function framesUntil(frame: number, playhead: number, frames: number): number {
  return (((frame - playhead) % frames) + frames) % frames;
}

/** The kept frame needed furthest in the future: the one to forget when the store is over its size. */
export function frameToForget(kept: Iterable<number>, playhead: number, frames: number): number | undefined {
  let chosen: number | undefined;
  let furthest = -1;
  for (const frame of kept) {
    const until = framesUntil(frame, playhead, frames);
    if (until > furthest) [chosen, furthest] = [frame, until];
  }
  return chosen;
}

/**
 * The frames worth asking for now, in the order they will play: those in the window of `storeFrames`
 * ahead of the playhead (the playhead's own first) that are neither kept nor already asked for, at most
 * `room` of them. Frames beyond the window would only push out frames that play sooner.
 */
export function framesToAsk(
  playhead: number,
  frames: number,
  storeFrames: number,
  has: (frame: number) => boolean,
  room: number,
): number[] {
  const asks: number[] = [];
  const window = Math.min(frames, storeFrames);
  for (let k = 0; k < window && asks.length < room; k++) {
    const frame = (playhead + k) % frames;
    if (!has(frame)) asks.push(frame);
  }
  return asks;
}

/** Frames of `width` × `height` RGBA that fit in `bytes`: at least two (the one showing and the next). */
export function framesThatFit(bytes: number, width: number, height: number): number {
  return Math.max(2, Math.floor(bytes / (width * height * 4)));
}
