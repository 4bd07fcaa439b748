import type { Recipe } from '../../recipe/recipe.ts';
import { cliCommand } from './cli-command.ts';
import { cleanRecipe } from './design-edits.ts';
import { element } from './element.ts';
import { type JobEvent, studioApi } from './studio-api.ts';

const sizes = ['256x256', '512x512', '720x720', '1080x1080', '1280x720', '1920x1080', '1080x1920'];

export interface RenderPanel {
  readonly element: HTMLElement;
  update(recipe: Recipe): void;
}

/**
 * Renders the focused design on the server (the CLI's render API) at a chosen size and format, with
 * progress, cancel and download; and the command line that renders the same.
 */
export function createRenderPanel(outFolder: string, formats: readonly string[]): RenderPanel {
  let recipe: Recipe | undefined;
  let job: { id: string; source: EventSource } | undefined;
  const size = element('select', { id: 'render-size' }, ...sizes.map((s) => element('option', { value: s }, s.replace('x', '×'))));
  size.value = '512x512';
  const format = element('select', { id: 'render-format' }, ...formats.map((f) => element('option', { value: f }, f.toUpperCase())));
  const start = element('button', { type: 'button', id: 'render-start', class: 'primary' }, 'Render');
  const cancel = element('button', { type: 'button', id: 'render-cancel', hidden: true }, 'Cancel');
  const progress = element('progress', { id: 'render-progress', max: 1, value: 0, hidden: true });
  const status = element('span', { id: 'render-status', class: 'status', role: 'status' });
  const download = element('a', { id: 'render-download', hidden: true, class: 'button' }, 'Download');
  const command = element('input', { id: 'render-command', type: 'text', readonly: true, class: 'command' });
  const copy = element('button', { type: 'button', id: 'render-copy' }, 'Copy command');
  const save = element(
    'button',
    { type: 'button', id: 'render-save-recipe', title: 'Save the recipe as JSON (for zsweep --from)' },
    'Save recipe',
  );

  const target = (): Recipe => {
    const [width, height] = size.value.split('x').map(Number);
    return cleanRecipe({ ...recipe!, width, height });
  };
  const fileStem = () => `zsweep-${recipe!.seed.replace(/[^\w.-]+/g, '_')}${recipe!.breed?.length ? '-bred' : ''}`;
  const refreshCommand = () => {
    if (recipe) command.value = cliCommand(target(), `${fileStem()}.${format.value}`, `${fileStem()}.json`, recipe);
  };
  const finish = (text: string) => {
    status.textContent = text;
    start.disabled = false;
    cancel.hidden = true;
    job = undefined;
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
    } else if (event.type === 'failed') finish(`failed: ${event.message}`);
    else if (event.type === 'cancelled') finish('cancelled; nothing was written');
  };
  start.addEventListener('click', async () => {
    if (!recipe || job) return;
    start.disabled = true;
    download.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'sending…';
    try {
      const { id } = await studioApi.render(target(), format.value);
      cancel.hidden = false;
      job = { id, source: studioApi.events(id, onEvent) };
    } catch (error) {
      finish(`refused: ${(error as Error).message}`);
    }
  });
  cancel.addEventListener('click', () => {
    if (job) studioApi.cancel(job.id).catch(() => {});
  });
  copy.addEventListener('click', () => {
    refreshCommand();
    command.select();
    navigator.clipboard?.writeText(command.value).catch(() => document.execCommand('copy'));
  });
  save.addEventListener('click', () => {
    const blob = new Blob([`${JSON.stringify(target(), null, 2)}\n`], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: `${fileStem()}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  size.addEventListener('change', refreshCommand);
  format.addEventListener('change', refreshCommand);
  return {
    element: element(
      'section',
      { class: 'render', id: 'render' },
      element(
        'div',
        { class: 'bar' },
        element('label', {}, 'Size ', size),
        element('label', {}, 'Format ', format),
        start,
        cancel,
        progress,
        download,
      ),
      status,
      element('div', { class: 'bar' }, command, copy, save),
    ),
    update(next) {
      recipe = next;
      refreshCommand();
    },
  };
}
