/**
 * Synthetic songs for the section tests: a drum loop at 120 BPM (bars of 2 s from 0.1 s) under parts of
 * known length, each holding its chords (one per bar, repeating) in its own voice.
 */
import { drumTrack } from './beat-tracks.ts';

export const songRate = 22050;
export const songBpm = 120;
/** Bars of 2 s from 0.1 s: where the drum track's beats 1, 5, 9… fall. */
export const downbeatsOf = (seconds: number) => Array.from({ length: Math.floor((seconds - 0.1) / 2) + 1 }, (_, k) => 0.1 + 2 * k);

export type Voice = 'sine' | 'saw' | 'square';
export interface Part {
  readonly seconds: number;
  /** MIDI notes held through the part, or one chord per bar, repeating. */
  readonly chords: readonly (readonly number[])[];
  readonly voice: Voice;
}

const wave = (voice: Voice, phase: number) => {
  const p = phase - Math.floor(phase);
  return voice === 'sine' ? Math.sin(2 * Math.PI * p) : voice === 'saw' ? 2 * p - 1 : p < 0.5 ? 0.6 : -0.6;
};

/** A drum loop throughout, and over it each part's chords in its own voice: parts change only on a bar. */
export function song(parts: readonly Part[]): Float32Array {
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const samples = drumTrack(songBpm, seconds).samples;
  const hz = (note: number) => 440 * 2 ** ((note - 69) / 12);
  let start = 0;
  for (const part of parts) {
    const chords = part.chords.map((chord) => chord.map(hz));
    for (let i = Math.round(start * songRate); i < Math.round((start + part.seconds) * songRate) && i < samples.length; i++) {
      const t = i / songRate;
      const chord = chords[Math.floor((t - start) / 2) % chords.length];
      let sum = 0;
      for (const f of chord) sum += wave(part.voice, f * t);
      samples[i] += (0.25 * sum) / chord.length;
    }
    start += part.seconds;
  }
  return samples;
}

export const cMajor = [60, 64, 67];
export const fSharpMinor = [54, 57, 61, 66];
export const bFlat = [70, 74, 77, 82];
