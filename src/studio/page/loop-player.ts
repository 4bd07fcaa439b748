import type { Recipe } from '../../recipe/recipe.ts';
import { FrameDropped, type KernelPool, type Priority } from './kernel-pool.ts';

export interface LoopPlayer {
  /** Plays this design from its first frame; frames already evaluated for another are dropped. */
  show(recipe: Recipe, size: { width: number; height: number }): void;
  /** Stops at `frame` and resolves once it is drawn (tests, screenshots); `play` resumes. */
  hold(frame: number): Promise<void>;
  play(): void;
  /** Stops evaluating and drawing for good. */
  stop(): void;
  readonly canvas: HTMLCanvasElement;
}

export interface PlayerOptions {
  readonly priority: Priority;
  readonly tag: string;
  /** Frames evaluated at once: enough to keep every worker busy for the focus, one for a grid cell. */
  readonly ahead: number;
  /** Frames per loop, where fewer than the recipe's are enough (grid cells); the loop keeps its duration. */
  readonly framesPerLoop?: number;
  /** Heard when a new design's first frame is drawn, with the milliseconds since `show`. */
  readonly onFirstFrame?: (ms: number) => void;
  /** Heard after each frame is evaluated, for the fps shown. */
  readonly onFrame?: () => void;
}

/** Frames are kept while they fit in this much memory, so a loop that has played once plays at its fps from memory. */
const cacheBytes = 160 * 1024 * 1024;

/**
 * A looping animation on a canvas. The first time round it plays as fast as the workers evaluate
 * (never faster than the fps); then from the frames kept. Frames are asked for in play order, a few
 * ahead, so a change of design shows its first frame as soon as one is evaluated.
 */
export function createLoopPlayer(canvas: HTMLCanvasElement, pool: KernelPool, options: PlayerOptions): LoopPlayer {
  const context = canvas.getContext('2d')!;
  let recipe: Recipe | undefined;
  let size = { width: 0, height: 0 };
  let frames = 1;
  let fps = 30;
  let version = 0;
  let cache = new Map<number, ImageData>();
  let maxKept = 1;
  const pending = new Set<number>();
  let playhead = 0;
  let drawnAt = 0;
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
    for (let k = 0; pending.size < options.ahead && k < Math.min(frames, maxKept); k++) {
      const frame = (playhead + k) % frames;
      if (cache.has(frame) || pending.has(frame)) continue;
      if (paused && frame !== playhead) continue;
      request(frame);
    }
  };

  const request = (frame: number) => {
    const asked = version;
    pending.add(frame);
    pool.frame(recipe!, size, frame, frames, { priority: options.priority, tag: options.tag }).then(
      (image) => {
        if (asked !== version) return;
        pending.delete(frame);
        cache.set(frame, image);
        // Forget the frames furthest behind the playhead when the loop does not fit.
        while (cache.size > maxKept) {
          let oldest = -1;
          let distance = -1;
          for (const kept of cache.keys()) {
            const behind = (playhead - kept + frames) % frames;
            if (kept !== playhead && behind > distance) [oldest, distance] = [kept, behind];
          }
          cache.delete(oldest);
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
      maxKept = Math.max(2, Math.floor(cacheBytes / (size.width * size.height * 4)));
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
  };
}
