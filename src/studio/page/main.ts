// The studio's page: one focused design looping large, the controls that shape it, an explore grid
// of seeds, a breeding grid of children, the history, and rendering on the server.
import { namedPalette, paletteNames } from '../../cppn/palette.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { createBreedPanel } from './breed-panel.ts';
import { createControlsPanel } from './controls-panel.ts';
import { cleanRecipe, type DesignEdit, type DesignOption, designOf, type OptionValue, withOption } from './design-edits.ts';
import { element } from './element.ts';
import { createExplorePanel } from './explore-panel.ts';
import { createHistoryStrip } from './history-strip.ts';
import { createKernelPool } from './kernel-pool.ts';
import { createLineage } from './lineage.ts';
import { createLoopPlayer, type PlayerState } from './loop-player.ts';
import { createRenderPanel } from './render-panel.ts';
import { studioApi, studioUrl } from './studio-api.ts';

/** What tests and the README's measurements read from the page. */
interface StudioHooks {
  ready: boolean;
  /** The focused design at the preview's size: what the CLI renders to give the preview's frames. */
  previewRecipe(): Recipe;
  /** The focused design as it is kept (its own size): what its look was measured for. */
  design(): Recipe;
  hold(frame: number): Promise<void>;
  play(): void;
  /** Milliseconds the last focus design took to be measured (its look), waiting for a worker included. */
  lastMeasureMs: number;
  /** Milliseconds from the last change of design to its first frame on screen. */
  lastLatencyMs: number;
  /** Frames a second the workers evaluate the focus at, over the last second. */
  fps: number;
  /** Frames a second drawn on the preview, over the last second. */
  playing: number;
  /** Evaluates `frames` frames of a design at `size`² as the preview does and returns frames a second. */
  measure(recipe: Recipe, size: number, frames: number): Promise<number>;
  kernel: string;
  threads: number;
  /** Changes a control as a person would; resolves once the new design is measured and in the history. */
  set(option: DesignOption, value: OptionValue): Promise<void>;
  /** Stops the grids' thumbnails, so that a measurement has the workers to itself. */
  pauseGrids(): void;
}

declare global {
  interface Window {
    zsweepStudio: StudioHooks;
  }
}

async function start(): Promise<void> {
  const info = await studioApi.info();
  // The CLI's kernel, so that frames match bit for bit; the plain SIMD build where this browser lacks relaxed SIMD.
  const fetchKernel = async (kind: string) =>
    new Uint8Array(await (await fetch(studioUrl(kind === 'relaxed-simd' ? 'cppn-kernel-relaxed.wasm' : 'cppn-kernel.wasm'))).arrayBuffer());
  let kernel = info.kernel;
  let bytes = await fetchKernel(kernel);
  if (!WebAssembly.validate(bytes)) {
    kernel = 'simd';
    bytes = await fetchKernel(kernel);
  }
  const threads = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
  // Looks are measured with the plain SIMD build, as the CLI measures them (render/measure-look.ts).
  const module = await WebAssembly.compile(bytes);
  const plain = kernel === 'simd' ? module : await WebAssembly.compile(await fetchKernel('simd'));
  const pool = createKernelPool({ module, plain }, studioUrl('worker.js'), threads);

  const lineage = createLineage(designOf(info.start), `seed ${info.start.seed}`);
  let design = lineage.current.recipe;
  let previewSize = 256;
  let framesCounted = 0;
  const hooks: StudioHooks = {
    ready: false,
    previewRecipe: () => cleanRecipe({ ...design, width: previewSize, height: previewSize, aa: 1 }),
    design: () => cleanRecipe(design),
    hold: (frame) => preview.hold(frame),
    play: () => preview.play(),
    lastLatencyMs: Number.NaN,
    lastMeasureMs: Number.NaN,
    fps: 0,
    playing: 0,
    measure: async (recipe, size, frames) => {
      const started = performance.now();
      for (let f = 0; f < frames; f++)
        await pool.frame(recipe, { width: size, height: size }, f, recipe.frames, { priority: 'focus', tag: 'measure' });
      return frames / ((performance.now() - started) / 1000);
    },
    kernel,
    threads,
    set: (option, value) => {
      change(option, value);
      return commit(option, value);
    },
    pauseGrids: () => {
      explore.pause();
      breed.pause();
    },
  };
  window.zsweepStudio = hooks;

  const storeMegabytes = Number(new URLSearchParams(location.search).get('store-mb') ?? 0);
  const canvas = element('canvas', { id: 'preview', width: previewSize, height: previewSize });
  const preview = createLoopPlayer(canvas, pool, {
    priority: 'focus',
    tag: 'focus',
    ahead: threads,
    // `store-mb` in the page's URL makes the frame store smaller: tests reach a loop larger than the store in seconds.
    storeBytes: storeMegabytes > 0 ? storeMegabytes * 1024 * 1024 : undefined,
    onFirstFrame: (ms) => {
      // From the control's change, measuring the new design's look included.
      const since = changedAt === undefined ? ms : performance.now() - changedAt;
      changedAt = undefined;
      hooks.lastLatencyMs = since;
      latency.textContent = `new picture in ${Math.round(since)} ms`;
    },
    onFrame: () => framesCounted++,
  });
  const fpsShown = element('span', { id: 'preview-fps' });
  const latency = element('span', { id: 'preview-latency' });
  let drawnBefore = 0;
  setInterval(() => {
    const state = preview.state();
    const drawnPerSecond = state.drawn - drawnBefore;
    drawnBefore = state.drawn;
    hooks.fps = framesCounted;
    hooks.playing = drawnPerSecond;
    fpsShown.textContent = playingText(state, drawnPerSecond, framesCounted);
    fpsShown.classList.toggle('behind', state.waiting && drawnPerSecond < state.fps * 0.9);
    framesCounted = 0;
  }, 1000);
  const sizeSelect = element(
    'select',
    { id: 'preview-size' },
    element('option', { value: 256 }, '256²'),
    element('option', { value: 512 }, '512²'),
  );
  sizeSelect.addEventListener('change', () => {
    previewSize = Number(sizeSelect.value);
    showPreview();
  });
  const seedInput = element('input', { id: 'seed', type: 'text', size: 14, 'aria-label': 'Seed' });
  seedInput.addEventListener('change', () => {
    if (seedInput.value.trim() !== '') commit('seed', seedInput.value.trim());
  });
  const dice = element('button', { type: 'button', id: 'seed-random', title: 'A random seed' }, 'Random');
  dice.addEventListener('click', () => {
    commit('seed', String(crypto.getRandomValues(new Uint32Array(1))[0]));
  });

  const controls = createControlsPanel({
    onInput: (option, value) => change(option, value),
    onChange: (option, value) => commit(option, value),
    onError: (text) => {
      message.textContent = text;
    },
  });
  const explore = createExplorePanel(pool, (recipe, label) => focus(recipe, label));
  const breed = createBreedPanel(pool, (recipe, label) => focus(recipe, label));
  const render = createRenderPanel(info.outFolder, info.formats);
  const history = createHistoryStrip({
    undo: () => lineage.undo() && showCurrent(),
    redo: () => lineage.redo() && showCurrent(),
    go: (node) => {
      lineage.go(node);
      showCurrent();
    },
  });
  let tab: 'explore' | 'breed' = 'explore';
  const tabs = element('div', { class: 'tabs', role: 'tablist' });
  for (const name of ['explore', 'breed'] as const) {
    const button = element(
      'button',
      { type: 'button', id: `tab-${name}`, role: 'tab', 'aria-selected': String(name === tab) },
      name === 'explore' ? 'Explore seeds' : 'Breed',
    );
    button.addEventListener('click', () => {
      tab = name;
      for (const other of tabs.children) other.setAttribute('aria-selected', String(other === button));
      explore.element.hidden = name !== 'explore';
      breed.element.hidden = name !== 'breed';
      (name === 'explore' ? breed : explore).pause();
      refreshSide();
    });
    tabs.append(button);
  }

  // The design the preview plays, as text: letting go of a control commits the design it already plays.
  let playing = '';
  const showPreview = (force = false) => {
    const key = JSON.stringify([design, previewSize]);
    if (key === playing && !force) {
      changedAt = undefined;
      return;
    }
    playing = key;
    preview.show(design, { width: previewSize, height: previewSize });
  };

  /** The design shown everywhere: preview, controls, the active grid, the render panel. */
  const show = (recipe: Recipe) => {
    design = recipe;
    showPreview();
    controls.update(design);
    seedInput.value = design.seed;
    breedNote.textContent = design.breed?.length ? `bred: ${design.breed.length} step${design.breed.length === 1 ? '' : 's'}` : '';
    render.update(design);
    refreshSide();
  };
  const refreshSide = () => (tab === 'explore' ? explore.update(design) : breed.update(design));
  const showCurrent = () => {
    show(lineage.current.recipe);
    history.update(lineage);
  };
  /** A new design in the history (a pick, a new seed, a control let go, a dropped file). */
  const focus = (recipe: Recipe, label: string) => {
    lineage.push(recipe, label);
    showCurrent();
  };
  /** The design with its look measured by a worker (as the CLI measures it); a failure is shown, and undefined. */
  const measured = async (edit: DesignEdit): Promise<Recipe | undefined> => {
    try {
      const started = performance.now();
      const recipe = await pool.measure(edit, 'focus');
      hooks.lastMeasureMs = performance.now() - started;
      return recipe;
    } catch (error) {
      message.textContent = (error as Error).message;
      return undefined;
    }
  };
  // While a control moves, the preview follows as soon as the new design is measured (only the latest
  // move is measured next, so a dragged slider does not queue a measurement per step); the history
  // gets one step when it is let go, after the edits before it.
  let changedAt: number | undefined;
  let moving: DesignEdit | undefined;
  /** Counts moves and commits: a move measured after a later one, or after the control was let go, is not shown. */
  let moves = 0;
  let measuring = false;
  let committed: Promise<unknown> = Promise.resolve();
  const followMoves = async () => {
    measuring = true;
    while (moving) {
      const edit = moving;
      const ticket = moves;
      moving = undefined;
      const recipe = await measured(edit);
      if (recipe && ticket === moves) {
        design = recipe;
        showPreview();
      }
    }
    measuring = false;
  };
  const edited = (option: DesignOption, value: OptionValue): DesignEdit | undefined => {
    try {
      message.textContent = '';
      return withOption(lineage.current.recipe, option, value);
    } catch (error) {
      message.textContent = (error as Error).message;
      return undefined;
    }
  };
  const change = (option: DesignOption, value: OptionValue) => {
    changedAt ??= performance.now();
    moves++;
    moving = edited(option, value);
    if (!measuring) void followMoves();
  };
  const commit = (option: DesignOption, value: OptionValue): Promise<void> => {
    const named = (stops: readonly string[]) => paletteNames.find((name) => String(namedPalette(name)) === String(stops)) ?? 'custom';
    const label = `${option} ${typeof value === 'number' ? Number(value.toPrecision(4)) : Array.isArray(value) ? named(value) : value}`;
    moves++;
    moving = undefined;
    committed = committed.then(async () => {
      const edit = edited(option, value);
      const recipe = edit && (await measured(edit));
      if (recipe) focus(recipe, label);
    });
    return committed as Promise<void>;
  };
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.target instanceof HTMLInputElement) return;
    event.preventDefault();
    if (event.shiftKey ? lineage.redo() : lineage.undo()) showCurrent();
  });

  // A zsweep file or recipe dropped anywhere opens its design.
  const dropNote = element('div', { class: 'drop-note', hidden: true }, 'Drop a zsweep GIF, MP4, WebM, PNG or recipe to open its design');
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropNote.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    dropNote.hidden = true;
  });
  document.addEventListener('drop', async (event) => {
    event.preventDefault();
    dropNote.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    try {
      const { recipe } = await studioApi.open(file);
      focus(designOf(recipe), file.name);
    } catch (error) {
      message.textContent = (error as Error).message;
    }
  });

  const breedNote = element('span', { id: 'breed-note' });
  const message = element('div', { id: 'message', role: 'alert' });
  const kernelNote =
    kernel === info.kernel
      ? `${kernel} kernel × ${threads} workers: the CLI's frames`
      : `${kernel} kernel × ${threads} workers (this browser lacks relaxed SIMD: frames may differ from the CLI's by rounding)`;
  document.body.replaceChildren(
    element(
      'header',
      {},
      element('h1', {}, 'zsweep studio'),
      element('label', { class: 'seed' }, 'Seed ', seedInput, dice),
      history.element,
    ),
    element(
      'main',
      {},
      element('aside', { class: 'left' }, controls.element),
      element(
        'div',
        { class: 'centre' },
        element('div', { class: 'stage' }, canvas),
        element('div', { class: 'bar meta' }, element('label', {}, 'Preview ', sizeSelect), fpsShown, latency, breedNote),
        render.element,
        element('p', { class: 'kernel' }, kernelNote),
      ),
      element('aside', { class: 'right' }, tabs, explore.element, breed.element),
    ),
    message,
    dropNote,
  );
  showCurrent();
  await preview.hold(0);
  preview.play();
  hooks.ready = true;
}

start().catch((error: Error) => {
  document.body.textContent = `The studio could not start: ${error.message}`;
});

/** The line under the preview: how it plays, and why slower than the loop when it is. */
function playingText(state: PlayerState, drawnPerSecond: number, evaluated: number): string {
  const rolling = state.storeFrames < state.frames ? ` · keeps ${state.storeFrames} of ${state.frames} frames` : '';
  if (state.waiting && drawnPerSecond < state.fps * 0.9) {
    return `playing ${drawnPerSecond} of ${Math.round(state.fps)} frames/s: this machine evaluates ${evaluated}/s${rolling}`;
  }
  return evaluated > 0 ? `evaluating ${evaluated} frames/s${rolling}` : 'loop in memory';
}
