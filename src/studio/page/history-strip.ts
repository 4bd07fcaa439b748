import { element } from './element.ts';
import type { Lineage, LineageNode } from './lineage.ts';

export interface HistoryStrip {
  readonly element: HTMLElement;
  update(lineage: Lineage): void;
}

/** Undo, redo, and the path from the first design to the focused one; a fork mark where a design has other branches. */
export function createHistoryStrip(handlers: { undo: () => void; redo: () => void; go: (node: LineageNode) => void }): HistoryStrip {
  const undo = element('button', { type: 'button', id: 'undo', title: 'Back to the parent (Ctrl+Z)' }, '↶ Undo');
  const redo = element('button', { type: 'button', id: 'redo', title: 'Forward again (Ctrl+Shift+Z)' }, '↷ Redo');
  const path = element('ol', { class: 'path', id: 'history' });
  undo.addEventListener('click', handlers.undo);
  redo.addEventListener('click', handlers.redo);
  return {
    element: element('nav', { class: 'history' }, undo, redo, path),
    update(lineage) {
      const nodes = lineage.path();
      undo.disabled = !lineage.current.parent;
      redo.disabled = !lineage.current.lastChild;
      // The last few steps: a long history scrolls off to the left.
      path.replaceChildren(
        ...nodes.slice(-8).map((node) => {
          const forks = node.children.length > 1 ? ` ⑂${node.children.length}` : '';
          const chip = element(
            'button',
            {
              type: 'button',
              class: node === lineage.current ? 'chip current' : 'chip',
              title: node.children.length > 1 ? `${node.children.length} branches from here` : '',
            },
            `${node.label}${forks}`,
          );
          chip.addEventListener('click', () => handlers.go(node));
          return element('li', {}, chip);
        }),
      );
    },
  };
}
