import type { Recipe } from '../../recipe/recipe.ts';
import { framesThatFit, framesToAsk, frameToForget } from './frame-store.ts';
import { FrameDropped, type KernelPool, type Priority } from './kernel-pool.ts';

export interface LoopPlayer {
  /** Plays this design from its first frame; frames already evaluated for another are dropped. */
  show(recipe: Recipe, size: { width: number; height: number }): void;
  /** Stops at `frame` and resolves once it is drawn (tests, screenshots); `play` resumes. */
  hold(frame: number): Promise<void>;
  play(): void;
  /** Stops evaluating and drawing for good. */
  stop(): void;
  /** What the player does now, for the line under the preview. */
  state(): PlayerState;
  readonly canvas: HTMLCanvasElement;
}

export interface PlayerState {
  /** The loop's own frame rate, and its length in frames. */
  readonly fps: number;
  readonly frames: number;
  /** Frames the store holds at this size: fewer than `frames` means a window rolling ahead of the playhead. */
  readonly storeFrames: number;
  /** Frames drawn so far (a counter: the page takes differences over time for the rate shown). */
  readonly drawn: number;
  /** Frames the next draw waits for: the picture stands still because evaluating is slower than the loop. */
  readonly waiting: boolean;
}

export interface PlayerOptions {
  readonly priority: Priority;
  readonly tag: string;
  /** Frames evaluated at once: enough to keep every worker busy for the focus, one for a grid cell. */
  readonly ahead: number;
  /** Frames per loop, where fewer than the recipe's are enough (grid cells); the loop keeps its duration. */
  readonly framesPerLoop?: number;
  /** Memory for frames; the default holds a 256² loop of 20 s at 30 fps (160 MB). */
  readonly storeBytes?: number;
  /** Heard when a new design's first frame is drawn, with the milliseconds since `show`. */
  readonly onFirstFrame?: (ms: number) => void;
  /** Heard after each frame is evaluated, for the fps shown. */
  readonly onFrame?: () => void;
}

/** Frames are kept while they fit in this much memory, so a loop that has played once plays at its fps from memory. */
const defaultStoreBytes = 160 * 1024 * 1024;

/**
 * A looping animation on a canvas. The first time round it plays as fast as the workers evaluate
 * (never faster than the fps); then from the frames kept. Frames are asked for in play order, a few
 * ahead, so a change of design shows its first frame as soon as one is evaluated. A loop larger than
 * the store keeps a window of the frames about to play (frame-store.ts): it plays on at the rate the
 * workers manage, and never stops on one frame.
 */
export function createLoopPlayer(canvas: HTMLCanvasElement, pool: KernelPool, options: PlayerOptions): LoopPlayer {
  const context = canvas.getContext('2d')!;
  const storeBytes = options.storeBytes ?? defaultStoreBytes;
  let recipe: Recipe | undefined;
  let size = { width: 0, height: 0 };
  let frames = 1;
  let fps = 30;
  let version = 0;
  let cache = new Map<number, ImageData>();
  let storeFrames = 2;
  const pending = new Set<number>();
  let playhead = 0;
  let drawnAt = 0;
  let drawn = 0;
  let shownSince = 0;
  let firstDrawn = false;
  let held: { frame: number; resolve: () => void } | undefined;
  let paused = false;
  let stopped = false;
  let animation = 0;

  const draw = (frame: number) => {
    const image = cache.get(frame);
    if (!image) return false;
    context.putImageData(image, 0, 0);
    drawn++;
    if (!firstDrawn) {
      firstDrawn = true;
      options.onFirstFrame?.(performance.now() - shownSince);
    }
    if (held?.frame === frame) {
      held.resolve();
      held = undefined;
    }
    return true;
  };

  const pump = () => {
    if (!recipe || stopped) return;
    // While held, only the held frame; else the window ahead, keeping room in the store for what is asked.
    const room = Math.min(options.ahead - pending.size, storeFrames - pending.size);
    if (room <= 0) return;
    const asks = paused
      ? cache.has(playhead) || pending.has(playhead)
        ? []
        : [playhead]
      : framesToAsk(playhead, frames, storeFrames, (f) => cache.has(f) || pending.has(f), room);
    for (const frame of asks) request(frame);
  };

  const request = (frame: number) => {
    const asked = version;
    pending.add(frame);
    pool.frame(recipe!, size, frame, frames, { priority: options.priority, tag: options.tag }).then(
      (image) => {
        if (asked !== version) return;
        pending.delete(frame);
        cache.set(frame, image);
        while (cache.size + pending.size > storeFrames && cache.size > 1) {
          const forget = frameToForget(cache.keys(), playhead, frames);
          if (forget === undefined || forget === playhead) break;
          cache.delete(forget);
        }
        options.onFrame?.();
        if (frame === playhead) draw(frame);
        pump();
      },
      (error: Error) => {
        if (asked !== version) return;
        pending.delete(frame);
        if (!(error instanceof FrameDropped)) console.error(error);
      },
    );
  };

  const tick = (now: number) => {
    animation = requestAnimationFrame(tick);
    if (!recipe || paused) return;
    if (now - drawnAt < 1000 / fps - 2) return;
    const next = (playhead + 1) % frames;
    if (!cache.has(next)) return;
    playhead = next;
    drawnAt = now;
    draw(playhead);
    pump();
  };
  animation = requestAnimationFrame(tick);

  return {
    canvas,
    show(next, nextSize) {
      version++;
      pool.drop(options.tag);
      pending.clear();
      cache = new Map();
      recipe = next;
      size = nextSize;
      frames = options.framesPerLoop ? Math.min(options.framesPerLoop, next.frames) : next.frames;
      fps = (frames / next.frames) * next.fps;
      storeFrames = framesThatFit(storeBytes, size.width, size.height);
      if (canvas.width !== size.width || canvas.height !== size.height) {
        canvas.width = size.width;
        canvas.height = size.height;
      }
      playhead = held?.frame ?? 0;
      firstDrawn = false;
      shownSince = performance.now();
      pump();
    },
    hold(frame) {
      paused = true;
      playhead = frame % frames;
      return new Promise<void>((resolve) => {
        held = { frame: playhead, resolve };
        if (!draw(playhead)) pump();
      });
    },
    play() {
      paused = false;
      held = undefined;
      pump();
    },
    stop() {
      stopped = true;
      version++;
      pool.drop(options.tag);
      cancelAnimationFrame(animation);
    },
    state: () => ({ fps, frames, storeFrames, drawn, waiting: !paused && !cache.has((playhead + 1) % frames) }),
  };
}
