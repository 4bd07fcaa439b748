import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AudioFeatures, analysisHop, createAudioAnalyser } from '../src/audio/audio-analyser.ts';
import { followEnvelope } from '../src/audio/follow-envelope.ts';

const rate = 22050;
const tone = (hz: number, seconds: number, amplitude: number) =>
  Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

function analyse(samples: Float32Array, chunk = samples.length): AudioFeatures {
  const analyser = createAudioAnalyser();
  for (let at = 0; at < samples.length; at += chunk) analyser.push(samples.subarray(at, at + chunk));
  return analyser.finish();
}

const middle = (values: Float32Array) => values[Math.floor(values.length / 2)];

test('one row per hop begun, the exact sample count, and the rate in rows a second', () => {
  const features = analyse(tone(440, 1, 0.5));
  assert.is(features.samples, rate);
  assert.is(features.loudness.length, Math.ceil(rate / analysisHop));
  assert.is(features.rate, rate / analysisHop);
  assert.is(analyse(new Float32Array(0)).loudness.length, 0);
});

test("the same features however the samples are chunked (as ffmpeg's pipe splits them)", () => {
  const samples = tone(300, 0.7, 0.3);
  const whole = analyse(samples);
  for (const chunk of [1, 255, 4099]) {
    const parts = analyse(samples, chunk);
    for (const key of ['loudness', 'bass', 'mid', 'treble'] as const) assert.equal(parts[key], whole[key], `${key}, chunks of ${chunk}`);
  }
});

test('loudness is the RMS; each tone lands in its own band', () => {
  const expectBand = (hz: number, band: 'bass' | 'mid' | 'treble') => {
    const features = analyse(tone(hz, 1, 0.5));
    assert.ok(Math.abs(middle(features.loudness) - 0.5 / Math.SQRT2) < 0.01, `RMS at ${hz} Hz: ${middle(features.loudness)}`);
    assert.ok(Math.abs(middle(features[band]) - 0.5 / Math.SQRT2) < 0.02, `${band} at ${hz} Hz: ${middle(features[band])}`);
    for (const other of (['bass', 'mid', 'treble'] as const).filter((b) => b !== band)) {
      assert.ok(middle(features[other]) < 0.02, `${other} at ${hz} Hz: ${middle(features[other])}`);
    }
  };
  expectBand(100, 'bass');
  expectBand(1000, 'mid');
  expectBand(5000, 'treble');
});

test('memory stays bounded: a long stream keeps only its features', () => {
  const analyser = createAudioAnalyser();
  const chunk = tone(220, 1, 0.2);
  const before = process.memoryUsage().arrayBuffers;
  // Ten minutes of audio in one-second chunks: 53 MB of samples, never held at once.
  for (let s = 0; s < 600; s++) analyser.push(chunk);
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < 20e6, `array buffers grew by ${(grown / 1e6).toFixed(1)} MB`);
  assert.is(analyser.finish().loudness.length, Math.ceil((600 * rate) / analysisHop));
});

test('envelope: fast attack, slow release', () => {
  const step = new Float32Array(200);
  step.fill(1, 0, 100);
  const envelope = followEnvelope(step, 100, 0.01, 0.5);
  assert.ok(envelope[2] > 0.8, `rises within a few rows: ${envelope[2]}`);
  assert.ok(envelope[150] > 0.3 && envelope[150] < 0.5, `half a second after, about 1/e left: ${envelope[150]}`);
  assert.equal(followEnvelope(step, 100, 0, 0), step);
});

test.run();
