import { createSweep, type Sweep } from '../../cppn/sweep.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { measurePrecision } from '../../render/measure-look.ts';
import type { DesignEdit } from './design-edits.ts';
import type { WorkerDesign, WorkerReply, WorkerRequest } from './worker-messages.ts';

/** Why a queued frame was not evaluated: its player moved on to another design. */
export class FrameDropped extends Error {}

export type Priority = 'focus' | 'grid';

export interface KernelPool {
  readonly threads: number;
  /**
   * Frame `frame` of `frames` of the recipe's sweep at width × height, as RGBA. The focus preview goes
   * before the grids; `tag` names the asker, whose queued frames `drop` discards.
   */
  frame(
    recipe: Recipe,
    size: { width: number; height: number },
    frame: number,
    frames: number,
    ask: { priority: Priority; tag: string },
  ): Promise<ImageData>;
  drop(tag: string): void;
  /**
   * The design's recipe with its look measured as the command line measures it (its radius for its
   * speed, its levels), by a worker; the same edit is measured once. `drop(tag)` discards it while it
   * waits (a grid that stops), so that measurements nobody will see do not hold the workers. A
   * thumbnail is measured coarsely, as `zsweep grid` measures its cells: about a third of the work.
   */
  measure(edit: DesignEdit, priority: Priority, options?: { tag?: string; thumbnail?: boolean }): Promise<Recipe>;
}

interface Task {
  readonly message: Extract<WorkerRequest, { type: 'rows' | 'measure' }>;
  readonly tag: string;
  readonly priority: Priority;
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

/** Measured designs kept: a grid's page of seeds comes round again as the user goes back and forth. */
const measuresKept = 500;

/** A frame of at least this many pixels is split into bands, one per worker; smaller ones go whole to one worker. */
const splitPixels = 128 * 128;

/** Web Workers running the kernel; each takes the next task as it finishes one, the focus queue first. */
export function createKernelPool(
  { module, plain }: { module: WebAssembly.Module; plain: WebAssembly.Module },
  workerUrl: string,
  threads: number,
): KernelPool {
  const queues: Record<Priority, Task[]> = { focus: [], grid: [] };
  const running = new Map<number, Task>();
  const idle: Worker[] = [];
  const sweeps = new Map<string, Sweep>();
  const measures = new Map<string, Promise<Recipe>>();
  let ids = 0;

  // The focus goes first, but every third task goes to a grid that waits: while a slow loop fills its
  // memory the focus always has frames to ask for, and the thumbnails would otherwise never start.
  let turn = 0;
  // From a new focus design's measurement to its first band of pixels, the grids' measurements (each
  // holds a worker for a tenth of a second or more) wait, so that the new picture has every worker.
  // The id of the focus measurement waited on (-1: none): bands of an earlier design, finishing, do not end the wait.
  let focusWaitsFrom = -1;
  const nextGrid = (): Task | undefined => {
    const at = focusWaitsFrom >= 0 ? queues.grid.findIndex((task) => task.message.type === 'rows') : 0;
    return at < 0 ? undefined : queues.grid.splice(at, 1)[0];
  };
  const dispatch = () => {
    while (idle.length > 0) {
      const gridTurn = ++turn % 3 === 0 && queues.grid.length > 0;
      const task = gridTurn ? (nextGrid() ?? queues.focus.shift()) : (queues.focus.shift() ?? nextGrid());
      if (!task) return;
      const worker = idle.pop()!;
      running.set(task.message.id, task);
      worker.postMessage(task.message);
    }
  };

  for (let t = 0; t < threads; t++) {
    const worker = new Worker(workerUrl, { type: 'module' });
    worker.postMessage({ type: 'kernel', module, plain } satisfies WorkerRequest);
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      const task = running.get(data.id);
      running.delete(data.id);
      idle.push(worker);
      if (task?.priority === 'focus' && task.message.id >= focusWaitsFrom && (task.message.type === 'rows' || 'error' in data)) {
        focusWaitsFrom = -1;
      }
      if (task) 'error' in data ? task.reject(new Error(data.error)) : task.resolve(data);
      dispatch();
    };
    idle.push(worker);
  }

  const sweepOf = (recipe: Recipe): Sweep => {
    const key = JSON.stringify([recipe.seed, recipe.network.latent, recipe.sweep]);
    let sweep = sweeps.get(key);
    if (!sweep) {
      if (sweeps.size > 200) sweeps.clear();
      sweep = createSweep(recipe.sweep, recipe.network.latent, recipe.seed);
      sweeps.set(key, sweep);
    }
    return sweep;
  };

  return {
    threads,
    async frame(recipe, { width, height }, frame, frames, { priority, tag }) {
      const design: WorkerDesign = { network: recipe.network, seed: recipe.seed, breed: recipe.breed, scale: recipe.scale, width, height };
      const key = JSON.stringify(design);
      const latent = sweepOf(recipe)(frame, frames);
      const bands = width * height >= splitPixels ? Math.min(threads, height) : 1;
      const parts = Array.from({ length: bands }, (_, b) => {
        const rowStart = Math.floor((b * height) / bands);
        const rowEnd = Math.floor(((b + 1) * height) / bands);
        return new Promise<Uint8ClampedArray>((resolve, reject) => {
          const colour = { colour: recipe.colour, levels: recipe.levels, palette: recipe.palette };
          const message = { type: 'rows', id: ids++, key, design, latent, rowStart, rowEnd, colour } as const;
          queues[priority].push({
            message,
            tag,
            priority,
            resolve: (reply) => resolve((reply as { rgba: Uint8ClampedArray }).rgba),
            reject,
          });
        });
      });
      dispatch();
      const rgba = new Uint8ClampedArray(width * height * 4);
      let at = 0;
      for (const part of await Promise.all(parts)) {
        rgba.set(part, at);
        at += part.length;
      }
      return new ImageData(rgba, width, height);
    },
    measure({ recipe, look }, priority, { tag = 'measure', thumbnail = false } = {}) {
      if (look.speed === undefined && !look.levels) return Promise.resolve(recipe);
      const precision = thumbnail ? measurePrecision.coarse : measurePrecision.fine;
      const key = JSON.stringify([recipe, look, precision]);
      let measured = measures.get(key);
      if (!measured) {
        if (measures.size >= measuresKept) measures.delete(measures.keys().next().value!);
        measured = new Promise<Recipe>((resolve, reject) => {
          const message = { type: 'measure', id: ids++, recipe, look, precision } as const;
          queues[priority].push({ message, tag, priority, resolve: (reply) => resolve((reply as { recipe: Recipe }).recipe), reject });
          if (priority === 'focus') focusWaitsFrom = message.id;
          dispatch();
        });
        // A failed measurement is tried again next time, not remembered.
        measured.catch(() => measures.delete(key));
        measures.set(key, measured);
      }
      return measured;
    },
    drop(tag) {
      for (const queue of Object.values(queues)) {
        for (let i = queue.length - 1; i >= 0; i--) {
          if (queue[i].tag === tag) queue.splice(i, 1)[0].reject(new FrameDropped());
        }
      }
    },
  };
}
