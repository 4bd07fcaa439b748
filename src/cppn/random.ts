import { randomInt } from 'node:crypto';
import seedrandom from 'seedrandom';

/** A seeded stream of numbers: the only source of randomness in the pictures. */
export interface Random {
  /** Standard normal. */
  normal(): number;
  /** Normal with the given standard deviation, redrawn until within ±2σ (as Keras' truncated normal). */
  truncatedNormal(std: number): number;
}

/**
 * Independent streams from one seed: `stream` names the use (`weights`, `sweep`), so that adding a
 * new use of randomness never shifts the numbers an existing one sees.
 */
export function createRandom(seed: string, stream: string): Random {
  const next = seedrandom(`${seed}\u0000${stream}`);
  // Box–Muller gives two normals per draw; keep the spare so the sequence is the textbook one.
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return {
    normal,
    truncatedNormal(std) {
      for (;;) {
        const value = normal();
        if (Math.abs(value) <= 2) return value * std;
      }
    },
  };
}

/**
 * Seeds are text, so `--seed 42` and `--seed sunrise` both work; whole numbers are written in
 * their canonical form so that `042` and `42` name the same picture.
 */
export function canonicalSeed(raw: string): string {
  const trimmed = raw.trim();
  if (/^[+-]?\d+$/.test(trimmed)) return BigInt(trimmed).toString();
  return trimmed;
}

/** A fresh seed for a render that was given none; printed and stored so it can be repeated. */
export function drawSeed(): string {
  return String(randomInt(0, 2 ** 32));
}
