/**
 * Ctrl+Z / Cmd+Z undo, Ctrl+Shift+Z, Cmd+Shift+Z and Ctrl+Y redo, wherever focus is (a slider, a list,
 * a button, the page), except where typing happens: there the browser's own undo of the text belongs.
 */
export function listenForUndo(handlers: { undo: () => void; redo: () => void }): void {
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
    const key = event.key.toLowerCase();
    const redo = (key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey && !event.shiftKey);
    if (key !== 'z' && !redo) return;
    event.preventDefault();
    if (redo) handlers.redo();
    else handlers.undo();
  });
}

/** Typed-in text: a text-like input, a textarea, or anything editable. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement &&
    !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file'].includes(target.type)
  );
}
