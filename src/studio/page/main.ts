// The studio's page: one focused design looping large, the controls that shape it, an explore grid
// of seeds, a breeding grid of children, the history, and rendering on the server.
import type { Recipe } from '../../recipe/recipe.ts';
import { createBreedPanel } from './breed-panel.ts';
import { createControlsPanel } from './controls-panel.ts';
import { createDesignEditor } from './design-editor.ts';
import { cleanRecipe, designOf } from './design-edits.ts';
import { element } from './element.ts';
import { createExplorePanel } from './explore-panel.ts';
import { createHistoryStrip } from './history-strip.ts';
import { createKernelPool } from './kernel-pool.ts';
import { createLineage, type Lineage, restoreLineage, saveLineage } from './lineage.ts';
import { createLoopPlayer, type PlayerState } from './loop-player.ts';
import { inPageWords } from './page-words.ts';
import { createPreviewSwitch, type PreviewMode } from './preview-switch.ts';
import { createRenderPanel } from './render-panel.ts';
import { createServerWatch } from './server-watch.ts';
import { createSessionStore } from './session-store.ts';
import { createShaderPlayer, hardwareWebgl2 } from './shader-player.ts';
import { createSideTabs } from './side-tabs.ts';
import { studioApi, studioUrl } from './studio-api.ts';
import type { StudioHooks } from './studio-hooks.ts';
import { listenForUndo } from './undo-keys.ts';

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

  const message = element('div', { id: 'message', class: 'message', role: 'alert' });
  const say = (text: string) => {
    message.textContent = text === '' ? '' : inPageWords(text);
  };
  // The session kept in this browser, if any: the history and the focused design as they were left.
  const sessions = createSessionStore();
  const kept = await sessions.load();
  const fresh = () => createLineage(designOf(info.start), `seed ${info.start.seed}`);
  let lineage: Lineage = fresh();
  try {
    if (kept) lineage = restoreLineage(kept.lineage);
  } catch (error) {
    say(`The session kept in this browser could not be read (${(error as Error).message}); a new one started.`);
  }
  let design = lineage.current.recipe;
  let previewSize = kept?.previewSize === 512 ? 512 : 256;
  let framesCounted = 0;
  const keep = () => sessions.save({ lineage: saveLineage(lineage), previewSize });

  const storeMegabytes = Number(new URLSearchParams(location.search).get('store-mb') ?? 0);
  const canvas = element('canvas', {
    id: 'preview',
    width: previewSize,
    height: previewSize,
    role: 'img',
    'aria-label': 'Preview of the focused design, looping',
  });
  const exactPreview = createLoopPlayer(canvas, pool, {
    priority: 'focus',
    tag: 'focus',
    ahead: threads,
    // `store-mb` in the page's URL makes the frame store smaller: tests reach a loop larger than the store in seconds.
    storeBytes: storeMegabytes > 0 ? storeMegabytes * 1024 * 1024 : undefined,
    onFirstFrame: (ms) => {
      // From the control's change, measuring the new design's look included.
      const changedAt = editor.takeChangedAt();
      const since = changedAt === undefined ? ms : performance.now() - changedAt;
      hooks.lastLatencyMs = since;
      latency.textContent = `new picture in ${Math.round(since)} ms`;
    },
    onFrame: () => framesCounted++,
  });
  // On a GPU the preview is the exported shader, live (?preview=gpu|exact in the address chooses).
  const asked = new URLSearchParams(location.search).get('preview');
  const gpuCanvas = element('canvas', {
    id: 'preview-gpu',
    role: 'img',
    'aria-label': 'Preview of the focused design, looping, on the GPU',
  });
  const gpuPreview =
    asked === 'exact' || (asked !== 'gpu' && !hardwareWebgl2())
      ? undefined
      : createShaderPlayer(gpuCanvas, {
          onFirstFrame: (ms) => {
            const changedAt = editor.takeChangedAt();
            hooks.lastLatencyMs = changedAt === undefined ? ms : performance.now() - changedAt;
            latency.textContent = `new picture in ${Math.round(hooks.lastLatencyMs)} ms`;
          },
          onFrame: () => framesCounted++,
        });
  const preview = createPreviewSwitch(exactPreview, gpuPreview, gpuPreview ? 'gpu' : 'exact');
  const modeSelect = element(
    'select',
    { id: 'preview-mode', title: "GPU: the live shader, within rounding of the CLI's frames. Exact: the CLI's own pixels" },
    element('option', { value: 'gpu' }, 'GPU'),
    element('option', { value: 'exact' }, 'Exact'),
  );
  modeSelect.addEventListener('change', () => preview.setMode(modeSelect.value as PreviewMode));
  const fpsShown = element('span', { id: 'preview-fps' });
  const latency = element('span', { id: 'preview-latency' });
  let drawnBefore = 0;
  setInterval(() => {
    const state = preview.state();
    const drawnPerSecond = state.drawn - drawnBefore;
    drawnBefore = state.drawn;
    hooks.fps = framesCounted;
    hooks.playing = drawnPerSecond;
    fpsShown.textContent = preview.onGpu() ? `GPU: drawing ${drawnPerSecond} frames/s` : playingText(state, drawnPerSecond, framesCounted);
    fpsShown.title = fpsShown.textContent;
    fpsShown.classList.toggle('behind', state.waiting && drawnPerSecond < state.fps * 0.9);
    framesCounted = 0;
  }, 1000);
  const sizeSelect = element(
    'select',
    { id: 'preview-size' },
    element('option', { value: 256 }, '256²'),
    element('option', { value: 512 }, '512²'),
  );
  sizeSelect.value = String(previewSize);
  sizeSelect.addEventListener('change', () => {
    previewSize = Number(sizeSelect.value);
    showPreview();
    keep();
  });

  const editor = createDesignEditor({
    pool,
    lineage: () => lineage,
    preview: (recipe) => {
      design = recipe;
      showPreview();
    },
    committed: () => showCurrent(),
    say,
    measured: (ms) => {
      hooks.lastMeasureMs = ms;
    },
  });
  const seedInput = element('input', { id: 'seed', type: 'text', size: 14 });
  seedInput.addEventListener('change', () => {
    if (seedInput.value.trim() !== '') void editor.commit('seed', seedInput.value.trim());
  });
  const dice = element('button', { type: 'button', id: 'seed-random', title: 'A random seed' }, 'Random');
  dice.addEventListener('click', () => {
    void editor.commit('seed', String(crypto.getRandomValues(new Uint32Array(1))[0]));
  });
  const controls = createControlsPanel({
    onInput: (option, value) => editor.change(option, value),
    onChange: (option, value) => void editor.commit(option, value),
    onError: say,
  });
  // A run of key presses on one control ends when focus leaves it; a drag is one step of its own.
  controls.element.addEventListener('focusout', () => editor.endRun());
  controls.element.addEventListener('pointerdown', () => editor.endRun());

  const explore = createExplorePanel(pool, (recipe, label) => focus(recipe, label));
  const breed = createBreedPanel(pool, (recipe, label) => focus(recipe, label));
  const watch = createServerWatch();
  const render = createRenderPanel(info.outFolder, info.formats, { onServerLost: () => watch.lost() });
  const moveTo = (moved: boolean) => {
    editor.endRun();
    if (moved) showCurrent();
  };
  const history = createHistoryStrip({
    undo: () => moveTo(lineage.undo()),
    redo: () => moveTo(lineage.redo()),
    go: (node) => {
      lineage.go(node);
      moveTo(true);
    },
  });
  listenForUndo({ undo: () => moveTo(lineage.undo()), redo: () => moveTo(lineage.redo()) });
  const newSession = element(
    'button',
    { type: 'button', id: 'new-session', title: 'Forget this history and start again from the first design' },
    'New session',
  );
  newSession.addEventListener('click', () => {
    if (lineage.root.children.length > 0 && !confirm('Start a new session? This history of designs is forgotten.')) return;
    lineage = fresh();
    moveTo(true);
  });
  const tabs = createSideTabs(
    [
      { name: 'explore', label: 'Explore seeds', panel: explore.element },
      { name: 'breed', label: 'Breed', panel: breed.element },
    ],
    (name) => {
      (name === 'explore' ? breed : explore).pause();
      refreshSide();
    },
  );

  // The design the preview plays, as text: letting go of a control commits the design it already plays.
  let playing = '';
  const showPreview = () => {
    const key = JSON.stringify([design, previewSize]);
    if (key === playing) {
      editor.takeChangedAt();
      return;
    }
    playing = key;
    preview.show(design, { width: previewSize, height: previewSize });
  };
  /** The current design of the history shown everywhere: preview, controls, the active grid, the render panel; and kept. */
  const showCurrent = () => {
    design = lineage.current.recipe;
    showPreview();
    controls.update(design);
    seedInput.value = design.seed;
    breedNote.textContent = design.breed?.length ? `bred: ${design.breed.length} step${design.breed.length === 1 ? '' : 's'}` : '';
    render.update(design);
    refreshSide();
    history.update(lineage);
    keep();
  };
  const refreshSide = () => (tabs.selected === 'explore' ? explore.update(design) : breed.update(design));
  /** A new design in the history (a pick, a dropped file). */
  const focus = (recipe: Recipe, label: string) => {
    editor.endRun();
    lineage.push(recipe, label);
    showCurrent();
  };

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
      say('');
      focus(designOf(recipe), file.name);
    } catch (error) {
      if (error instanceof TypeError) watch.lost();
      say(error instanceof TypeError ? `${file.name} was not opened: the studio's server is not answering.` : (error as Error).message);
    }
  });

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
      editor.change(option, value);
      const done = editor.commit(option, value);
      editor.endRun();
      return done;
    },
    pauseGrids: () => {
      explore.pause();
      breed.pause();
    },
    saved: () => sessions.flush(),
  };
  window.zsweepStudio = hooks;

  const breedNote = element('span', { id: 'breed-note' });
  const kernelNote =
    kernel === info.kernel
      ? `${kernel} kernel × ${threads} workers: the CLI's frames`
      : `${kernel} kernel × ${threads} workers (this browser lacks relaxed SIMD: frames may differ from the CLI's by rounding)`;
  document.body.replaceChildren(
    watch.element,
    element(
      'header',
      {},
      element('h1', {}, 'zsweep studio'),
      element('label', { class: 'seed' }, 'Seed ', seedInput, dice),
      history.element,
      newSession,
    ),
    message,
    element(
      'main',
      {},
      element(
        'section',
        { class: 'centre', 'aria-label': 'Preview and render' },
        element('div', { class: 'stage' }, canvas, ...(gpuPreview ? [gpuCanvas] : [])),
        element(
          'div',
          { class: 'bar meta' },
          element('label', {}, 'Preview ', sizeSelect, ...(gpuPreview ? [modeSelect] : [])),
          fpsShown,
          latency,
          breedNote,
        ),
        render.element,
        element('p', { class: 'kernel' }, kernelNote),
      ),
      element('aside', { class: 'left', 'aria-label': 'Design controls' }, controls.element),
      element('aside', { class: 'right', 'aria-label': 'Explore and breed' }, tabs.element),
    ),
    dropNote,
  );
  showCurrent();
  await preview.hold(0);
  preview.play();
  hooks.ready = true;
}

/** The line under the preview: how it plays, and why slower than the loop when it is. */
function playingText(state: PlayerState, drawnPerSecond: number, evaluated: number): string {
  const rolling = state.storeFrames < state.frames ? ` · keeps ${state.storeFrames} of ${state.frames} frames` : '';
  if (state.waiting && drawnPerSecond < state.fps * 0.9) {
    return `playing ${drawnPerSecond} of ${Math.round(state.fps)} frames/s: this machine evaluates ${evaluated}/s${rolling}`;
  }
  return evaluated > 0 ? `evaluating ${evaluated} frames/s${rolling}` : 'loop in memory';
}

start().catch((error: Error) => {
  document.body.textContent = `The studio could not start: ${error.message}`;
});
