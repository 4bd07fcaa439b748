import { element } from './element.ts';
import type { Lineage, LineageNode } from './lineage.ts';

export interface HistoryStrip {
  readonly element: HTMLElement;
  update(lineage: Lineage): void;
}

/** Steps shown before the current one; older ones are reached with undo or by going back along the strip. */
const shownBefore = 40;

/**
 * Undo, redo, and the path from the first design to the focused one, then the steps redo would go
 * through (dimmed); a fork mark where a design has other branches. The current step is always scrolled
 * into view.
 */
export function createHistoryStrip(handlers: { undo: () => void; redo: () => void; go: (node: LineageNode) => void }): HistoryStrip {
  const undo = element(
    'button',
    { type: 'button', id: 'undo', title: 'Back to the parent (Ctrl+Z)', 'aria-keyshortcuts': 'Control+Z Meta+Z' },
    '↶ Undo',
  );
  const redo = element(
    'button',
    { type: 'button', id: 'redo', title: 'Forward again (Ctrl+Shift+Z)', 'aria-keyshortcuts': 'Control+Shift+Z Meta+Shift+Z' },
    '↷ Redo',
  );
  const path = element('ol', { class: 'path', id: 'history', 'aria-label': 'History' });
  undo.addEventListener('click', handlers.undo);
  redo.addEventListener('click', handlers.redo);
  return {
    element: element('nav', { class: 'history', 'aria-label': 'Undo and history' }, undo, redo, path),
    update(lineage) {
      const before = lineage.path();
      const after: LineageNode[] = [];
      for (let at = lineage.current.lastChild; at && after.length < 20; at = at.lastChild) after.push(at);
      undo.disabled = !lineage.current.parent;
      redo.disabled = !lineage.current.lastChild;
      let current: HTMLElement | undefined;
      path.replaceChildren(
        ...[...before.slice(-shownBefore), ...after].map((node) => {
          const forks = node.children.length > 1 ? ` ⑂${node.children.length}` : '';
          const isCurrent = node === lineage.current;
          const chip = element(
            'button',
            {
              type: 'button',
              class: isCurrent ? 'chip current' : after.includes(node) ? 'chip future' : 'chip',
              title: node.children.length > 1 ? `${node.children.length} branches from here` : undefined,
              'aria-current': isCurrent ? 'step' : undefined,
            },
            `${node.label}${forks}`,
          );
          chip.addEventListener('click', () => handlers.go(node));
          if (isCurrent) current = chip;
          return element('li', {}, chip);
        }),
      );
      // Scrolls only the strip, not the page: the current chip at the strip's right end where it can be.
      if (current) path.scrollLeft = Math.max(0, current.offsetLeft - path.clientWidth + current.offsetWidth + 40);
    },
  };
}
