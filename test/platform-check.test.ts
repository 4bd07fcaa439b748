import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPlatformFile } from '../src/encoders/check-platform-file.ts';
import { buildFfmpegArgs, ffmpegPreamble, platformVideoOptions } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { runFfmpeg } from '../src/encoders/ffmpeg/ffmpeg-process.ts';
import { type MediaInfo, parseFfmpegDescription, probeMedia } from '../src/encoders/ffmpeg/probe-media.ts';
import { formats } from '../src/encoders/formats.ts';
import { type PlatformName, platformNames, platformTargets } from '../src/encoders/platform-targets.ts';
import { ffmpegPath, tempFolder } from './helpers.ts';

const folder = tempFolder();

test("ffmpeg's description of an input, as 4.x and 5.x print it", () => {
  const four = parseFfmpegDescription(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:a.mp4':
  Duration: 00:00:08.00, start: 0.000000, bitrate: 132 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 96x96, 35 kb/s, 30 fps, 30 tbr, 15360 tbn, 60 tbc (default)
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 22050 Hz, mono, fltp, 88 kb/s (default)`);
  assert.equal(four, {
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationSeconds: 8,
    video: { codec: 'h264', profile: 'High', pixelFormat: 'yuv420p', width: 96, height: 96, fps: 30 },
    audio: { codec: 'aac', profile: 'LC', sampleRate: 22050, channels: 'mono' },
  });
  const five = parseFfmpegDescription(`Input #0, png_pipe, from 'file:c.png':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgb24(pc), 3000x3000, 25 fps, 25 tbr, 25 tbn`);
  assert.equal(five.video, { codec: 'png', pixelFormat: 'rgb24', width: 3000, height: 3000, fps: 25 });
  assert.is(five.audio, undefined);
});

test('a platform and an excerpt as ffmpeg arguments: GOP, B-frames, peak rate, edit lists, seek, fades, rate and channels', () => {
  assert.equal(platformVideoOptions(platformTargets.youtube.encoding!, 30), [
    '-profile:v',
    'high',
    '-flags',
    '+cgop',
    '-g',
    '15',
    '-keyint_min',
    '15',
    '-sc_threshold',
    '0',
    '-bf',
    '2',
  ]);
  const args = buildFfmpegArgs({
    codec: formats.mp4.video,
    path: 'out.mp4',
    width: 1080,
    height: 1920,
    fps: 30,
    crf: 18,
    comment: 'c',
    audio: 'song.mp3',
    durationSeconds: 8,
    audioCut: { startSeconds: 65, fadeInSeconds: 0.25, fadeOutSeconds: 0.25 },
    platform: platformTargets['instagram-reel'].encoding!,
  });
  assert.equal(args.audioInputOptions, ['-ss', '65']);
  const out = args.outputOptions.join(' ');
  // No edit list to hide AAC's 1024 samples of priming (at 48 kHz): the sound skips as much, and ends as much sooner.
  assert.match(
    out,
    /-af atrim=start=0\.02133\d*,asetpts=PTS-STARTPTS,afade=t=in:st=0:d=0\.25,afade=t=out:st=7\.7286\d*:d=0\.25,apad,atrim=end=7\.9786\d* -avoid_negative_ts disabled -t 8/,
  );
  assert.match(out, /-bf 0/);
  assert.match(out, /-b:a 192k -b:a 128000 -ar 48000 -ac 2/);
  assert.match(out, /-maxrate 25000000 -bufsize 50000000/);
  assert.match(out, /-use_editlist 0/);
  // Without a platform or a cut, the arguments are what they were.
  const plain = buildFfmpegArgs({
    codec: formats.mp4.video,
    path: 'o.mp4',
    width: 8,
    height: 8,
    fps: 30,
    crf: 18,
    comment: 'c',
    audio: 's.mp3',
    durationSeconds: 1,
  });
  assert.is(plain.audioInputOptions, undefined);
  assert.not.match(plain.outputOptions.join(' '), /afade|use_editlist|profile|maxrate/);
});

const canvas: MediaInfo = {
  bytes: 2e6,
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSeconds: 8,
  video: { codec: 'h264', profile: 'High', pixelFormat: 'yuv420p', width: 576, height: 1024, fps: 30 },
  mp4: { moovFirst: true, editLists: false },
};

test('a file that keeps the rules passes; each broken rule is named with what the file has', () => {
  assert.ok(checkPlatformFile(canvas, 'spotify-canvas').every((c) => c.ok));
  const broken = (info: Partial<MediaInfo>, name: PlatformName = 'spotify-canvas') =>
    checkPlatformFile({ ...canvas, ...info }, name)
      .filter((c) => !c.ok)
      .map((c) => `${c.rule}: ${c.found}`);
  assert.equal(broken({ durationSeconds: 9 }), ['3–8 s long: 9.000 s']);
  assert.equal(broken({ bytes: 12e6 }), ['at most 10 MB: 12.00 MB']);
  assert.equal(broken({ audio: { codec: 'aac', sampleRate: 44100, channels: 'stereo' } }), ['no audio stream: aac audio']);
  assert.equal(broken({ video: { ...canvas.video!, width: 1080, height: 1080 } }), ['9:16 (width : height): 1080×1080']);
  assert.equal(broken({ mp4: { moovFirst: false, editLists: false } }), ['index (moov) before the media data: after the data']);
  assert.equal(broken({ video: { ...canvas.video!, codec: 'hevc', profile: 'Main' } }), ['H.264 video: hevc']);
  assert.equal(
    broken(
      { audio: { codec: 'aac', profile: 'LC', sampleRate: 96000, channels: 'stereo' }, mp4: { moovFirst: true, editLists: true } },
      'instagram-reel',
    ),
    ['audio at most 48 kHz: 96000 Hz', 'no edit lists: has an edit list'],
  );
});

/**
 * Each video target's own encoding, as zsweep hands it to ffmpeg (buildFfmpegArgs with the target's
 * settings), on a flat picture from lavfi and a tone where the target takes sound: what the platform
 * receives, short of the CPPN's frames, so every target is checked in seconds.
 */
for (const name of platformNames.filter((n) => platformTargets[n].format === 'mp4')) {
  test(`${name}: its encoding settings give a file that passes its own check`, async () => {
    const target = platformTargets[name];
    const [width, height] = target.size;
    const fps = target.fps!.min;
    const seconds = target.seconds!.min;
    const tone = join(folder, 'tone.wav');
    await runFfmpeg(ffmpegPath, [
      ...ffmpegPreamble,
      '-y',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=220:duration=${seconds + 2}`,
      `file:${tone}`,
    ]);
    const path = join(folder, `${name}.mp4`);
    const args = buildFfmpegArgs({
      codec: formats.mp4.video,
      path,
      width,
      height,
      fps,
      crf: 18,
      comment: 'test',
      durationSeconds: seconds,
      ...(target.sound === 'none' ? {} : { audio: tone, audioCut: { startSeconds: 1, fadeInSeconds: 0.25, fadeOutSeconds: 0.25 } }),
      ...(target.encoding ? { platform: target.encoding } : {}),
    });
    await runFfmpeg(ffmpegPath, [
      ...ffmpegPreamble,
      '-f',
      'lavfi',
      '-i',
      `color=c=0x336699:s=${width}x${height}:r=${fps}:d=${seconds}`,
      ...(args.audioInput === undefined ? [] : [...(args.audioInputOptions ?? []), '-i', args.audioInput]),
      ...args.outputOptions,
      args.output,
    ]);
    const checks = checkPlatformFile(await probeMedia(ffmpegPath, path), name);
    const broken = checks.filter((c) => !c.ok);
    assert.equal(broken, [], `${name}: ${JSON.stringify(broken)}`);
    if (target.encoding?.editList === false) assert.ok(checks.some((c) => c.rule === 'no edit lists'));
  });
}

test.run();
