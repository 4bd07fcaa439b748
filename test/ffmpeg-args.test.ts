import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFfmpegArgs, colourFilter, flattenFfmpegArgs } from '../src/encoders/ffmpeg-args.ts';
import { fluentCommand } from '../src/encoders/ffmpeg-process.ts';

const request = { path: 'out/.a.1-ff.zsweep-tmp.mp4', width: 64, height: 48, fps: 30, crf: 18, comment: '{"seed":"my seed"}' };

test('mp4: raw RGBA on stdin, libx264 CRF, BT.709 limited range, tagged, faststart, comment, muxer named', () => {
  assert.equal(flattenFfmpegArgs(buildFfmpegArgs({ ...request, format: 'mp4' })), [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', '64x48', '-framerate', '30',
    '-i', 'pipe:0',
    '-an',
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'medium', '-crf', '18',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-movflags', '+faststart',
    '-metadata', 'comment={"seed":"my seed"}',
    '-f', 'mp4',
    'file:out/.a.1-ff.zsweep-tmp.mp4',
  ]);
});

test('webm: VP9 in constant-quality mode, same colour handling, no faststart', () => {
  const args = buildFfmpegArgs({ ...request, format: 'webm', crf: 30, fps: 12.5 });
  assert.equal(args.outputOptions.slice(args.outputOptions.indexOf('-c:v'), args.outputOptions.indexOf('-colorspace')), [
    '-c:v', 'libvpx-vp9', '-crf', '30', '-b:v', '0', '-deadline', 'good', '-cpu-used', '2', '-row-mt', '1', '-tile-columns', '1',
  ]);
  assert.ok(args.inputOptions.includes('12.5'));
  assert.not.ok(args.outputOptions.includes('-movflags'));
  assert.equal(args.outputOptions.slice(-2), ['-f', 'webm']);
  assert.ok(args.outputOptions.includes(colourFilter));
});

test('the output path is always a file: URL, so a colon in a folder name is not a protocol', () => {
  assert.is(buildFfmpegArgs({ ...request, format: 'mp4', path: 'a:b/x.mp4' }).output, 'file:a:b/x.mp4');
});

test('the fluent-ffmpeg adapter passes every argument through unchanged (a value with one space stays one argument)', () => {
  const args = buildFfmpegArgs({ ...request, format: 'mp4' });
  const command = fluentCommand('/no/ffmpeg', args) as unknown as { _getArguments(): string[] };
  // fluent-ffmpeg would add -y for a plain path, but takes `file:` for a protocol and adds nothing:
  // the command line is exactly ours (ffmpeg then refuses to overwrite; the temporary name is always fresh).
  assert.equal(command._getArguments(), flattenFfmpegArgs(args));
});

test.run();
