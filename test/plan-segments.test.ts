import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildConcatArgs, flattenFfmpegArgs } from '../src/encoders/ffmpeg/ffmpeg-args.ts';
import { formats } from '../src/encoders/formats.ts';
import { buildConcatList } from '../src/segments/concat-list.ts';
import { type Manifest, manifestDifference, parseManifest } from '../src/segments/manifest.ts';
import {
  describeIndices,
  planSegments,
  segmentFileName,
  segmentFrameCount,
  segmentIndexOf,
  workFolderOf,
} from '../src/segments/plan-segments.ts';
import { ownsSegment } from '../src/segments/shard.ts';
import { parseRender } from './render-helpers.ts';

test('segments cover every frame once, in order; the last may be shorter', () => {
  assert.equal(planSegments(10, 4), [
    { index: 0, start: 0, end: 4 },
    { index: 1, start: 4, end: 8 },
    { index: 2, start: 8, end: 10 },
  ]);
  assert.equal(
    planSegments(8, 4).map((s) => s.end),
    [4, 8],
  );
  assert.equal(planSegments(1, 120), [{ index: 0, start: 0, end: 1 }]);
  assert.is(segmentFrameCount(4, 30), 120);
  assert.is(segmentFrameCount(4, 29.97), 120);
  assert.is(segmentFrameCount(1, 0.1), 1);
});

test('segment files sort in playing order and are recognised by name and format only', () => {
  assert.is(segmentFileName(7, 'mp4'), 'part-000007.mp4');
  assert.is(segmentIndexOf('part-000007.mp4', 'mp4'), 7);
  assert.is(segmentIndexOf('part-000007.mp4', 'webm'), undefined);
  assert.is(segmentIndexOf('.part-000007.mp4.123-ab.zsweep-tmp', 'mp4'), undefined);
  assert.is(workFolderOf('out/loop.mp4'), 'out/loop.mp4.parts');
  assert.is(describeIndices([0, 1, 2, 5, 7, 8]), '0-2, 5, 7-8');
  assert.is(describeIndices([1, 3, 5, 7], 2), '1, 3, … (2 more ranges)');
});

test('shards take segments round robin', () => {
  const owners = Array.from({ length: 7 }, (_, s) => [1, 2, 3].find((number) => ownsSegment({ number, count: 3 }, s)));
  assert.equal(owners, [1, 2, 3, 1, 2, 3, 1]);
});

test('the concat list gives every segment its exact duration', () => {
  assert.is(
    buildConcatList(planSegments(250, 120), 30, 'mp4'),
    [
      'ffconcat version 1.0',
      "file 'part-000000.mp4'",
      'duration 4.000000',
      "file 'part-000001.mp4'",
      'duration 4.000000',
      "file 'part-000002.mp4'",
      'duration 0.333333',
      '',
    ].join('\n'),
  );
});

test('the join copies the video stream: no re-encoding, faststart for MP4, the recipe as comment', () => {
  assert.equal(
    flattenFfmpegArgs(
      buildConcatArgs({ codec: formats.mp4.video, list: 'a.parts/.concat', path: '.a.tmp.mp4', comment: '{"seed":"a b"}' }),
    ),
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      'file:a.parts/.concat',
      '-map',
      '0:v',
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      '-fflags',
      '+bitexact',
      '-metadata',
      'comment={"seed":"a b"}',
      '-f',
      'mp4',
      'file:.a.tmp.mp4',
    ],
  );
  assert.not.ok(buildConcatArgs({ codec: formats.webm.video, list: 'l', path: 'p', comment: 'c' }).outputOptions.includes('-movflags'));
});

const manifest = (): Manifest => {
  const { recipe } = parseRender({ seed: '1', size: '32x32', frames: '40', out: 'x.mp4', quiet: true });
  return { zsweepParts: 1, format: 'mp4', encoder: 'libx264', crf: 18, ffmpeg: '4.1', segmentFrames: 120, segments: 1, recipe };
};

test('manifests: the first difference is named; a round trip through JSON is equal', () => {
  const a = manifest();
  assert.is(manifestDifference(parseManifest(JSON.stringify(a), 'm'), a), undefined);
  assert.is(manifestDifference({ ...a, crf: 20 }, a), 'crf is 20 there, 18 here');
  assert.is(manifestDifference({ ...a, recipe: { ...a.recipe, seed: '2' } }, a), 'seed is "2" there, "1" here');
  assert.throws(() => parseManifest('{"zsweepParts":2}', 'm.json'), /m\.json is not a manifest this zsweep reads/);
  assert.throws(() => parseManifest('nope', 'm.json'), /m\.json is not valid JSON/);
});

test.run();
