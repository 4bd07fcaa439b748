import { element } from './element.ts';

export interface SideTabs<Name extends string> {
  /** The tab list, then each panel in its tabpanel. */
  readonly element: HTMLElement;
  readonly selected: Name;
}

/**
 * Tabs as the ARIA tabs pattern has them: each tab controls its panel (`aria-controls`), only the
 * selected tab is in the Tab order, and the arrow keys, Home and End move between tabs and select.
 */
export function createSideTabs<Name extends string>(
  tabs: readonly { name: Name; label: string; panel: HTMLElement }[],
  onSelect: (name: Name) => void,
): SideTabs<Name> {
  let selected = tabs[0].name;
  const list = element('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Find designs' });
  const buttons = tabs.map(({ name, label, panel }) => {
    const button = element('button', { type: 'button', id: `tab-${name}`, role: 'tab', 'aria-controls': `panel-${name}` }, label);
    panel.id ||= `panel-${name}-content`;
    button.addEventListener('click', () => select(name));
    list.append(button);
    return button;
  });
  const panels = tabs.map(({ name, panel }) =>
    element('div', { id: `panel-${name}`, role: 'tabpanel', 'aria-labelledby': `tab-${name}`, class: 'tabpanel' }, panel),
  );
  const select = (name: Name, focus = false) => {
    selected = name;
    for (const [i, tab] of tabs.entries()) {
      const on = tab.name === name;
      buttons[i].setAttribute('aria-selected', String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
      tab.panel.hidden = !on;
      if (on && focus) buttons[i].focus();
    }
    onSelect(name);
  };
  list.addEventListener('keydown', (event) => {
    const at = tabs.findIndex((tab) => tab.name === selected);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    select(tabs[to].name, true);
  });
  for (const [i, tab] of tabs.entries()) {
    buttons[i].setAttribute('aria-selected', String(i === 0));
    buttons[i].tabIndex = i === 0 ? 0 : -1;
    panels[i].hidden = i !== 0;
    tab.panel.hidden = i !== 0;
  }
  return {
    element: element('div', { class: 'side-tabs' }, list, ...panels),
    get selected() {
      return selected;
    },
  };
}
