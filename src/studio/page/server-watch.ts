import { element } from './element.ts';
import { studioApi } from './studio-api.ts';

export interface ServerWatch {
  /** The banner: shown while the server does not answer. */
  readonly element: HTMLElement;
  /** Something failed to reach the server: look again now, and keep looking until it answers. */
  lost(): void;
}

/** How often the server is asked whether it is still there, and more often once it has not answered. */
const everyMs = 5000;
const whileLostMs = 2000;

/**
 * Watches that the studio's server still answers. A server that stopped (its terminal closed, Ctrl+C)
 * is said so in a banner of its own, not left to look like a page that hangs; the banner goes once it
 * answers again. The page's own work is kept in this browser meanwhile (session-store.ts).
 */
export function createServerWatch(): ServerWatch {
  const banner = element(
    'div',
    { id: 'server-lost', class: 'banner', role: 'alert', hidden: true },
    "The studio's server is not answering: renders and dropped files wait until it is back. " +
      'Start zsweep studio again (with the same --port, this page and its history come back).',
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = async () => {
    const alive = await studioApi.info().then(
      () => true,
      () => false,
    );
    banner.hidden = alive;
    document.body.classList.toggle('server-lost', !alive);
    clearTimeout(timer);
    timer = setTimeout(check, alive ? everyMs : whileLostMs);
  };
  timer = setTimeout(check, everyMs);
  return {
    element: banner,
    lost() {
      void check();
    },
  };
}
