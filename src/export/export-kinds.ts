/** What `zsweep export` writes, one entry per kind: the endings of --out that ask for it, and what to call it. */
export const exportKinds = {
  page: { endings: ['.html', '.htm'], label: 'a self-contained web page' },
  component: { endings: ['.js', '.mjs'], label: 'a <zsweep-loop> web component' },
  isf: { endings: ['.isf.fs', '.fs', '.isf'], label: 'an ISF generator' },
  shadertoy: { endings: ['.glsl', '.frag'], label: 'a Shadertoy shader' },
} as const;

export type ExportKind = keyof typeof exportKinds;

/** Every ending --out may have, for messages. */
export const exportEndings: readonly string[] = Object.values(exportKinds).flatMap((kind) => kind.endings);

/** The kind of export a file name asks for, or undefined. */
export function exportKindOf(path: string): ExportKind | undefined {
  const name = path.toLowerCase();
  for (const [kind, { endings }] of Object.entries(exportKinds)) {
    if (endings.some((ending) => name.endsWith(ending) && name.length > ending.length && !name.endsWith(`/${ending}`))) {
      return kind as ExportKind;
    }
  }
  return undefined;
}
