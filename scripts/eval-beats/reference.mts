/**
 * The reference beats: Essentia's RhythmExtractor2013 in `multifeature` mode (essentia.js, AGPL-3.0: a
 * devDependency used only here, to score; nothing in src/ imports it). Results are cached beside the excerpt.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Reference {
  readonly bpm: number;
  /** Essentia's own confidence, 0 to 5.32: below 1 it calls the beat very uncertain, above 3.5 excellent. */
  readonly confidence: number;
  readonly ticks: number[];
}

interface EssentiaApi {
  arrayToVector(values: Float32Array): unknown;
  vectorToArray(vector: unknown): Float32Array;
  RhythmExtractor2013(
    signal: unknown,
    maxTempo: number,
    method: string,
    minTempo: number,
  ): { bpm: number; confidence: number; ticks: unknown };
}

let essentia: EssentiaApi | undefined;

function load(): EssentiaApi {
  if (!essentia) {
    const { Essentia, EssentiaWASM } = createRequire(import.meta.url)('essentia.js') as {
      Essentia: new (wasm: unknown) => EssentiaApi;
      EssentiaWASM: unknown;
    };
    essentia = new Essentia(EssentiaWASM);
  }
  return essentia;
}

/** The samples of a 16-bit mono WAV file, as floats. */
export function readWav(path: string): Float32Array {
  const bytes = readFileSync(path);
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'data') {
      const samples = new Float32Array(Math.floor(Math.min(size, bytes.length - at - 8) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + 2 * i) / 32768;
      return samples;
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

export function referenceBeats(wav: string): Reference {
  const cached = wav.replace(/\.wav$/, '.reference.json');
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Reference;
  const api = load();
  const result = api.RhythmExtractor2013(api.arrayToVector(readWav(wav)), 208, 'multifeature', 40);
  const reference: Reference = { bpm: result.bpm, confidence: result.confidence, ticks: Array.from(api.vectorToArray(result.ticks)) };
  writeFileSync(cached, JSON.stringify(reference));
  return reference;
}
