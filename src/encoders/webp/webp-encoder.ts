import { readFile, writeFile } from 'node:fs/promises';
import type { Encoder, EncoderInput } from '../encoder.ts';
import { bitexact, ffmpegPreamble } from '../ffmpeg/ffmpeg-args.ts';
import { framesQueued, startFfmpeg } from '../ffmpeg/ffmpeg-process.ts';
import { insertWebpXmp } from '../metadata/webp-xmp.ts';

/** The encoder ffmpeg needs for an animated WebP. */
export const webpEncoderName = 'libwebp_anim';

/** libwebp's quality (0–100) for new renders: measured in scripts/gif-bench.mts (docs/gif.md). */
export const defaultWebpQuality = 90;

/**
 * WebP decoders show BT.601 limited-range YUV; the conversion is done here, exactly (as for video),
 * rather than by libwebp from RGBA, so no alpha plane is written for frames that have none.
 */
const webpColourFilter = 'scale=out_color_matrix=bt601:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv420p';

/**
 * Animated WebP through ffmpeg's libwebp_anim, looping forever, fed raw RGBA frames on its standard
 * input; libwebp writes each frame's changed rectangle over the one before. The recipe goes into an
 * XMP chunk once ffmpeg has finished (metadata/webp-xmp.ts). `input.webpQuality` sets libwebp's
 * quality (a size cap searches it); the default otherwise.
 */
export async function createWebpEncoder(input: EncoderInput): Promise<Encoder> {
  const { path, width, height, fps, comment, ffmpegPath } = input;
  if (!ffmpegPath) throw new Error('an animated WebP needs the ffmpeg path (EncoderInput.ffmpegPath)');
  const ffmpeg = startFfmpeg(ffmpegPath, {
    inputOptions: [...ffmpegPreamble, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps)],
    input: 'pipe:0',
    outputOptions: [
      '-an',
      '-vf',
      webpColourFilter,
      '-c:v',
      webpEncoderName,
      '-quality',
      String(input.webpQuality ?? defaultWebpQuality),
      '-compression_level',
      '6',
      '-loop',
      '0',
      ...bitexact,
      '-f',
      'webp',
    ],
    output: `file:${path}`,
  });
  return {
    lingering: framesQueued(width * height * 4),
    async writeFrame(rgba) {
      await ffmpeg.write(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength));
    },
    async finish() {
      await ffmpeg.end();
      await writeFile(path, insertWebpXmp(await readFile(path), comment));
    },
    abort: () => ffmpeg.kill(),
  };
}
