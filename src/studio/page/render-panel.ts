import { gifMaxFps } from '../../encoders/gif/gif-delays.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import { cliCommand, needsRecipeFile } from './cli-command.ts';
import { cleanRecipe } from './design-edits.ts';
import { element } from './element.ts';
import { type JobEvent, studioApi } from './studio-api.ts';

const sizes = ['256x256', '512x512', '720x720', '1080x1080', '1280x720', '1920x1080', '1080x1920'];

export interface RenderPanel {
  readonly element: HTMLElement;
  update(recipe: Recipe): void;
  /** The recipe a render, "Save recipe" and "Copy command" use: the design at the render's size. */
  target(): Recipe;
}

/**
 * Renders the focused design on the server (the CLI's render API) at a chosen size and format, with
 * progress, cancel and download; and the command line that renders the same bytes, from the same
 * recipe. A server that stops answering fails the render it was doing, with a retry.
 */
/** The live page is not a render but an export (zsweep export): named for what it is. */
const livePageTitle = 'A self-contained web page that plays the loop live on the GPU, sharp at any size (zsweep export)';
const formatLabel = (format: string) => (format === 'html' ? 'Live page (HTML)' : format.toUpperCase());

export function createRenderPanel(
  outFolder: string,
  formats: readonly string[],
  handlers: { onServerLost: () => void } = { onServerLost: () => {} },
): RenderPanel {
  let recipe: Recipe | undefined;
  let job: { id: string; source: EventSource; retried: boolean } | undefined;
  let lastAsked: { recipe: Recipe; format: string } | undefined;
  const size = element(
    'select',
    { id: 'render-size', 'aria-label': 'Render size' },
    ...sizes.map((s) => element('option', { value: s }, s.replace('x', '×'))),
  );
  size.value = '512x512';
  const format = element(
    'select',
    { id: 'render-format', 'aria-label': 'Render format' },
    ...formats.map((f) => element('option', { value: f, ...(f === 'html' ? { title: livePageTitle } : {}) }, formatLabel(f))),
  );
  const start = element('button', { type: 'button', id: 'render-start', class: 'primary' }, 'Render');
  // The live page is also a format, so that its copied command and saved recipe follow it as any render's do.
  const exportLive = element('button', { type: 'button', id: 'render-export-live', title: livePageTitle }, 'Export live');
  const cancel = element('button', { type: 'button', id: 'render-cancel', hidden: true }, 'Cancel');
  const retry = element('button', { type: 'button', id: 'render-retry', hidden: true }, 'Retry');
  const progress = element('progress', { id: 'render-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Render progress' });
  const status = element('span', { id: 'render-status', class: 'status', role: 'status' });
  const download = element('a', { id: 'render-download', hidden: true, class: 'button' }, 'Download');
  const command = element('input', {
    id: 'render-command',
    type: 'text',
    readonly: true,
    class: 'command',
    'aria-label': 'Command line that renders the same file',
  });
  const commandNote = element('span', { id: 'render-command-note', class: 'note' });
  const copy = element('button', { type: 'button', id: 'render-copy' }, 'Copy command');
  const save = element(
    'button',
    { type: 'button', id: 'render-save-recipe', title: 'Save the recipe as JSON (for zsweep --from)' },
    'Save recipe',
  );

  const target = (): Recipe => {
    const [width, height] = size.value.split('x').map(Number);
    // A GIF of a design made here is a new file: the second GIF encoder, as the command line gives a new
    // render, recorded so that its saved recipe gives the same bytes with --from.
    const encoding = format.value === 'gif' ? { encoding: { ...recipe!.encoding, gif: 2 as const } } : {};
    return cleanRecipe({ ...recipe!, width, height, ...encoding });
  };
  const fileStem = () => `zsweep-${recipe!.seed.replace(/[^\w.-]+/g, '_')}${recipe!.breed?.length ? '-bred' : ''}`;
  /** Why this design cannot be rendered in this format, before Render is clicked. */
  const refusal = (): string | undefined =>
    format.value === 'gif' && recipe && recipe.fps > gifMaxFps
      ? `A GIF plays at most ${gifMaxFps} frames a second: set FPS to ${gifMaxFps} or less, or render MP4 or WebM.`
      : undefined;
  const refresh = () => {
    if (!recipe) return;
    const out = `${fileStem()}.${format.value}`;
    command.value = cliCommand(target(), out, `${fileStem()}.json`);
    commandNote.textContent = needsRecipeFile(target(), out)
      ? `It reads the design from ${fileStem()}.json: "Save recipe" saves it.`
      : 'Every option spelled out.';
    const refused = refusal();
    if (!job) start.disabled = refused !== undefined;
    if (refused) status.textContent = refused;
    else if (status.dataset.refused) status.textContent = '';
    status.dataset.refused = refused ? 'yes' : '';
  };
  const finish = (text: string, { canRetry = false } = {}) => {
    status.textContent = text;
    cancel.hidden = true;
    retry.hidden = !canRetry;
    job?.source.close();
    job = undefined;
    start.disabled = refusal() !== undefined;
    exportLive.disabled = false;
  };
  const onEvent = (event: JobEvent) => {
    if (event.type === 'queued') status.textContent = event.ahead > 0 ? `waiting for ${event.ahead} render(s)` : 'starting…';
    else if (event.type === 'progress') {
      progress.max = event.total;
      progress.value = event.done;
      status.textContent = `${event.done} / ${event.total} frames${event.perSecond > 0 ? ` · ${event.perSecond.toFixed(1)} fps` : ''}`;
    } else if (event.type === 'done') {
      download.href = studioApi.fileUrl(job!.id);
      download.setAttribute('download', event.file);
      download.hidden = false;
      finish(`saved ${outFolder}/${event.file} with its recipe (${event.seconds.toFixed(1)} s)`);
    } else if (event.type === 'failed') finish(`render failed: ${event.message}`, { canRetry: true });
    else if (event.type === 'cancelled') finish('cancelled; nothing was written');
  };
  /** The event stream broke: a server that still answers is asked again once; one that does not has lost the render. */
  const onStreamError = async () => {
    const broken = job;
    if (!broken) return;
    broken.source.close();
    const alive = await studioApi.info().then(
      () => true,
      () => false,
    );
    if (job !== broken) return;
    if (alive && !broken.retried) {
      job = { ...broken, source: studioApi.events(broken.id, onEvent, onStreamError), retried: true };
      return;
    }
    if (!alive) handlers.onServerLost();
    finish(
      alive
        ? 'render failed: the studio lost track of it'
        : "render failed: the studio's server stopped answering; start it again, then Retry",
      { canRetry: true },
    );
  };
  const send = async (asked: { recipe: Recipe; format: string }) => {
    if (job || refusal()) return;
    lastAsked = asked;
    start.disabled = true;
    exportLive.disabled = true;
    retry.hidden = true;
    download.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'sending…';
    try {
      const { id } = await studioApi.render(asked.recipe, asked.format);
      cancel.hidden = false;
      job = { id, source: studioApi.events(id, onEvent, onStreamError), retried: false };
    } catch (error) {
      const lost = error instanceof TypeError;
      if (lost) handlers.onServerLost();
      finish(lost ? "not sent: the studio's server is not answering" : `refused: ${(error as Error).message}`, {
        canRetry: lost,
      });
    }
  };
  start.addEventListener('click', () => {
    if (recipe) void send({ recipe: target(), format: format.value });
  });
  exportLive.addEventListener('click', () => {
    if (!recipe || job) return;
    format.value = 'html';
    refresh();
    void send({ recipe: target(), format: 'html' });
  });
  retry.addEventListener('click', () => {
    if (lastAsked) void send(lastAsked);
  });
  cancel.addEventListener('click', () => {
    if (job) studioApi.cancel(job.id).catch(() => {});
  });
  copy.addEventListener('click', () => {
    refresh();
    command.select();
    navigator.clipboard?.writeText(command.value).catch(() => document.execCommand('copy'));
  });
  save.addEventListener('click', () => {
    const blob = new Blob([`${JSON.stringify(target(), null, 2)}\n`], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: `${fileStem()}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  size.addEventListener('change', refresh);
  format.addEventListener('change', refresh);
  return {
    element: element(
      'section',
      { class: 'render', id: 'render', 'aria-label': 'Render' },
      element(
        'div',
        { class: 'bar' },
        element('label', {}, 'Size ', size),
        element('label', {}, 'Format ', format),
        start,
        ...(formats.includes('html') ? [exportLive] : []),
        cancel,
        retry,
        progress,
        download,
      ),
      status,
      element('div', { class: 'bar' }, command, copy, save),
      commandNote,
    ),
    update(next) {
      recipe = next;
      refresh();
    },
    target,
  };
}
