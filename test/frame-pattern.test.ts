import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frameFileName, frameNumberOf, framePatternProblem, hasFramePattern } from '../src/output/frame-pattern.ts';

test('recognises %d and %0Nd', () => {
  assert.ok(hasFramePattern('%04d.png'));
  assert.ok(hasFramePattern('frame-%d.png'));
  assert.not.ok(hasFramePattern('loop.png'));
  assert.not.ok(hasFramePattern('100%.png'));
});

test('names frames from 1 with padding', () => {
  assert.is(frameFileName('%04d.png', 1), '0001.png');
  assert.is(frameFileName('f%d.png', 12), 'f12.png');
  assert.is(frameFileName('%02d.png', 123), '123.png');
});

test('refuses two placeholders or a stray %', () => {
  assert.is(framePatternProblem('%04d.png'), undefined);
  assert.match(framePatternProblem('%04d-%04d.png') ?? '', /exactly one/);
  assert.match(framePatternProblem('%04d-50%.png') ?? '', /no % other/);
});

test('frame numbers are read back only from names the pattern makes', () => {
  assert.is(frameNumberOf('%04d.png', '0007.png'), 7);
  assert.is(frameNumberOf('%04d.png', '12345.png'), 12345);
  assert.is(frameNumberOf('%04d.png', '7.png'), undefined);
  assert.is(frameNumberOf('f%d.png', 'f12.png'), 12);
  assert.is(frameNumberOf('f%d.png', 'f012.png'), undefined);
  assert.is(frameNumberOf('%04d.png', 'notes.txt'), undefined);
});

test.run();
