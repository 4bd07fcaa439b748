import { writeFileSync } from 'node:fs';

/** Writes mono 16-bit PCM samples in [-1, 1] as a WAV file: synthetic audio for tests. */
export function writeWav(path: string, samples: Float32Array, sampleRate: number): void {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

/**
 * `silentSeconds` of silence, then `loudSeconds` of a 110 Hz tone with a 60 Hz kick twice a second:
 * the shape the audio tests need (a still part, then a moving part with beats).
 */
export function silenceThenLoud(silentSeconds: number, loudSeconds: number, sampleRate = 22050): Float32Array {
  const samples = new Float32Array(Math.round((silentSeconds + loudSeconds) * sampleRate));
  const start = Math.round(silentSeconds * sampleRate);
  for (let i = start; i < samples.length; i++) {
    const t = (i - start) / sampleRate;
    const beat = t % 0.5;
    const kick = beat < 0.1 ? Math.sin(2 * Math.PI * 60 * beat) * (1 - beat / 0.1) : 0;
    samples[i] = 0.4 * Math.sin(2 * Math.PI * 110 * t) + 0.5 * kick;
  }
  return samples;
}
