import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildDecodeAudioArgs } from '../src/audio/decode-audio.ts';
import { buildFfmpegArgs, buildMuxAudioArgs, colourFilter, flattenFfmpegArgs } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { formats } from '../src/encoders/formats.ts';

const request = { path: 'out/.a.1-ff.zsweep-tmp.mp4', width: 64, height: 48, fps: 30, crf: 18, comment: '{"seed":"my seed"}' };

test('mp4: raw RGBA on stdin, libx264 CRF, BT.709 limited range, tagged, faststart, comment, muxer named', () => {
  assert.equal(flattenFfmpegArgs(buildFfmpegArgs({ ...request, codec: formats.mp4.video })), [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    '64x48',
    '-framerate',
    '30',
    '-i',
    'pipe:0',
    '-an',
    '-vf',
    'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=yuv420p',
    '-c:v',
    'libx264',
    '-preset',
    'medium',
    '-crf',
    '18',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-color_range',
    'tv',
    '-movflags',
    '+faststart',
    '-fflags',
    '+bitexact',
    '-metadata',
    'comment={"seed":"my seed"}',
    '-f',
    'mp4',
    'file:out/.a.1-ff.zsweep-tmp.mp4',
  ]);
});

test('webm: VP9 in constant-quality mode, same colour handling, no faststart', () => {
  const args = buildFfmpegArgs({ ...request, codec: formats.webm.video, crf: 30, fps: 12.5 });
  assert.equal(args.outputOptions.slice(args.outputOptions.indexOf('-c:v'), args.outputOptions.indexOf('-colorspace')), [
    '-c:v',
    'libvpx-vp9',
    '-crf',
    '30',
    '-b:v',
    '0',
    '-deadline',
    'good',
    '-cpu-used',
    '2',
    '-row-mt',
    '1',
    '-tile-columns',
    '1',
  ]);
  assert.ok(args.inputOptions.includes('12.5'));
  assert.not.ok(args.outputOptions.includes('-movflags'));
  assert.equal(args.outputOptions.slice(-2), ['-f', 'webm']);
  assert.ok(args.outputOptions.includes(colourFilter));
});

test('the output path is always a file: URL, so a colon in a folder name is not a protocol', () => {
  assert.is(buildFfmpegArgs({ ...request, codec: formats.mp4.video, path: 'a:b/x.mp4' }).output, 'file:a:b/x.mp4');
});

test('with audio: a second input, video from the pipe and audio from the file, cut or padded to the video', () => {
  const mp4 = buildFfmpegArgs({ ...request, codec: formats.mp4.video, audio: 'music/a:b.mp3', durationSeconds: 12.5 });
  const line = flattenFfmpegArgs(mp4);
  assert.equal(line.slice(line.indexOf('-i'), line.indexOf('-vf')), [
    '-i',
    'pipe:0',
    '-i',
    'file:music/a:b.mp3',
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    '-af',
    'apad',
    '-t',
    '12.5',
  ]);
  assert.not.ok(line.includes('-an'));
  const webm = buildFfmpegArgs({ ...request, codec: formats.webm.video, audio: 'a.ogg', durationSeconds: 3 });
  assert.equal(webm.outputOptions.slice(4, 8), ['-c:a', 'libopus', '-b:a', '128k']);
  assert.throws(() => buildFfmpegArgs({ ...request, codec: formats.mp4.video, audio: 'a.wav' }), /durationSeconds/);
});

test('muxing a soundtrack into a finished video copies the video stream and keeps its tags', () => {
  assert.equal(
    buildMuxAudioArgs({ codec: formats.mp4.video, video: 'joined.mp4', audio: 'song.flac', durationSeconds: 60, path: 'out/.tmp.mp4' }),
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      'file:joined.mp4',
      '-i',
      'file:song.flac',
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-af',
      'apad',
      '-t',
      '60',
      '-map_metadata',
      '0',
      '-movflags',
      '+faststart',
      '-fflags',
      '+bitexact',
      '-f',
      'mp4',
      'file:out/.tmp.mp4',
    ],
  );
  const webm = buildMuxAudioArgs({ codec: formats.webm.video, video: 'v.webm', audio: 'a.wav', durationSeconds: 2, path: 'o.webm' });
  assert.ok(webm.includes('libopus') && !webm.includes('-movflags'));
});

test('decoding for analysis: the first audio stream, mono float at the analysis rate, on stdout', () => {
  assert.equal(buildDecodeAudioArgs('a:b.mp3', 22050), [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-i',
    'file:a:b.mp3',
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    '22050',
    '-f',
    'f32le',
    'pipe:1',
  ]);
});

test.run();
