import { type Colouring, type ColourSpec, createColouring } from './colour.ts';
import type { SectionMix } from './journey.ts';
import { type Palette, paletteTable } from './palette.ts';

/**
 * A journey's colouring of each frame: section k is coloured with `palettes[k % palettes.length]`, and
 * a frame between sections (a blend) with their tables mixed by the frames' shares. The tables are
 * mixed as the 0–255 values they hold, so a blend moves each colour of the gradient straight to its
 * counterpart in the next palette.
 */
export function journeyColouring(spec: ColourSpec, palettes: readonly Palette[], mix: SectionMix): (frame: number) => Colouring {
  const tables = palettes.map((palette) => paletteTable(palette));
  const whole = tables.map((table) => createColouring({ ...spec, colour: 'palette', paletteTable: table }));
  const mixedAt = new Map<number, Colouring>();
  return (frame) => {
    const shares = mix[Math.min(mix.length - 1, Math.max(0, frame))];
    const byTable = new Map<number, number>();
    for (const { section, share } of shares) {
      const t = section % tables.length;
      byTable.set(t, (byTable.get(t) ?? 0) + share);
    }
    if (byTable.size === 1) return whole[[...byTable.keys()][0]];
    const cached = mixedAt.get(frame);
    if (cached) return cached;
    const table = new Float32Array(tables[0].length);
    for (const [t, share] of byTable) for (let i = 0; i < table.length; i++) table[i] += share * tables[t][i];
    const colouring = createColouring({ ...spec, colour: 'palette', paletteTable: table });
    // One frame's blend is asked for once, in order: keep only the latest.
    mixedAt.clear();
    mixedAt.set(frame, colouring);
    return colouring;
  };
}
