import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formats, type VideoFormatName } from '../src/encoders/formats.ts';
import { decodeYuv, ffmpegPath, probe, tempFolder, yuvToRgb709 } from './helpers.ts';

// Eight stripes, 8 pixels wide (so each 2×2 chroma block holds one colour): primaries, secondaries, greys.
const stripes = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 0],
  [200, 40, 90],
  [0, 0, 0],
  [128, 128, 128],
  [255, 255, 255],
];
const width = 64;
const height = 32;

function stripeFrame(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const [r, g, b] = stripes[(p % width) >> 3];
    rgba.set([r, g, b, 255], p * 4);
  }
  return rgba;
}

async function encodeStripes(format: VideoFormatName, crf: number): Promise<string> {
  const path = join(tempFolder(), `stripes.${format}`);
  const encoder = await formats[format].createEncoder({
    path,
    width,
    height,
    fps: 30,
    frames: 3,
    comment: 'c',
    video: { crf, ffmpegPath },
  });
  for (let f = 0; f < 3; f++) await encoder.writeFrame(stripeFrame());
  await encoder.finish();
  return path;
}

/** Largest error over the stripes' inner pixels (away from edges, where chroma subsampling and the codec blur). */
function stripeError(rgb: Float64Array): number {
  let worst = 0;
  for (let s = 0; s < stripes.length; s++) {
    for (let y = 4; y < height - 4; y++) {
      for (let x = s * 8 + 2; x < s * 8 + 6; x++) {
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(rgb[(y * width + x) * 3 + c] - stripes[s][c]));
      }
    }
  }
  return worst;
}

for (const format of ['mp4', 'webm'] as const) {
  test(`${format}: stored as BT.709 limited range, tagged so, and decodes back to the source colours`, async () => {
    // CRF 0 (lossless coding of the YUV planes) isolates the RGB → YUV conversion from the codec's loss.
    const path = await encodeStripes(format, 0);
    const { stream } = await probe(path);
    assert.is(stream.pix_fmt, 'yuv420p');
    assert.equal(
      [stream.color_space, stream.color_primaries, stream.color_transfer, stream.color_range],
      ['bt709', 'bt709', 'bt709', 'tv'],
    );
    const [frame] = await decodeYuv(path, width, height);
    // Limited range: black is Y 16 and white Y 235 (full range would give 0 and 255).
    assert.ok(Math.abs(frame.y[(height / 2) * width + 5 * 8 + 4] - 16) <= 1, `black Y ${frame.y[(height / 2) * width + 44]}`);
    assert.ok(Math.abs(frame.y[(height / 2) * width + 7 * 8 + 4] - 235) <= 1, `white Y ${frame.y[(height / 2) * width + 60]}`);
    // Read with the BT.709 matrix, every colour comes back within 8-bit YUV's own rounding (1.3 levels
    // for saturated colours).
    const error = stripeError(yuvToRgb709(frame, width, height));
    assert.ok(error <= 1.5, `BT.709 round trip is off by up to ${error.toFixed(1)} levels`);
  });

  test(`${format}: at the default quality the colours stay within a few levels`, async () => {
    const path = await encodeStripes(format, format === 'mp4' ? 18 : 24);
    const [frame] = await decodeYuv(path, width, height);
    const error = stripeError(yuvToRgb709(frame, width, height));
    assert.ok(error <= 8, `off by up to ${error.toFixed(1)} levels`);
  });
}

test('the check can tell: BT.601-encoded stripes read as BT.709 are far off', async () => {
  // The same stripes converted the way swscale does by default (BT.601): the test above would catch that.
  const path = join(tempFolder(), 'stripes601.mp4');
  const { runFfmpeg } = await import('../src/encoders/ffmpeg/ffmpeg-process.ts');
  const { writeFile } = await import('node:fs/promises');
  const raw = join(tempFolder(), 'stripes.rgba');
  await writeFile(raw, stripeFrame());
  await runFfmpeg(ffmpegPath, [
    '-v',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${width}x${height}`,
    '-i',
    raw,
    '-vf',
    'scale=out_color_matrix=bt601:out_range=tv,format=yuv420p',
    '-c:v',
    'libx264',
    '-crf',
    '18',
    path,
  ]);
  const [frame] = await decodeYuv(path, width, height);
  assert.ok(stripeError(yuvToRgb709(frame, width, height)) > 20);
});

test.run();
