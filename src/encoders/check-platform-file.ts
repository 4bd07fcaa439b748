import type { MediaInfo } from './ffmpeg/probe-media.ts';
import { type PlatformName, platformTargets } from './platform-targets.ts';

/** One rule of a platform, checked on a file: what it asks, and what the file has. */
export interface RuleCheck {
  readonly rule: string;
  readonly ok: boolean;
  readonly found: string;
}

/**
 * A file's description against a platform's rules: every rule that the file itself can show, in the
 * order docs/platforms.md lists them. A pure function, so each rule is tested on made-up files.
 */
export function checkPlatformFile(info: MediaInfo, name: PlatformName): RuleCheck[] {
  const target = platformTargets[name];
  const checks: RuleCheck[] = [];
  const check = (rule: string, ok: boolean, found: string) => checks.push({ rule, ok, found });
  const { video, audio } = info;
  if (target.format === 'png') {
    check(
      'a PNG picture',
      info.container.startsWith('png') && video?.codec === 'png',
      `${video?.codec ?? 'no picture'} (${info.container})`,
    );
  } else {
    check('an MP4 file', /\bmp4\b/.test(info.container), info.container);
    check('H.264 video', video?.codec === 'h264', video?.codec ?? 'no video stream');
    if (target.profiles) {
      const profile = video?.profile ?? 'unknown';
      check(`H.264 profile ${target.profiles.join(' or ')}`, target.profiles.includes(profile), profile);
    }
    check('4:2:0 chroma (yuv420p)', video?.pixelFormat === 'yuv420p', video?.pixelFormat ?? 'none');
  }
  const width = video?.width ?? 0;
  const height = video?.height ?? 0;
  const [aw, ah] = target.aspect;
  check(`${aw}:${ah} (width : height)`, height > 0 && Math.abs((width * ah) / (height * aw) - 1) <= 0.005, `${width}×${height}`);
  if (target.height) {
    const { min, max } = target.height;
    check(
      `${min}${max ? `–${max}` : ' px or more'}${max ? ' px' : ''} tall`,
      height >= min && (max === undefined || height <= max),
      `${height} px`,
    );
  }
  if (target.maxWidth !== undefined) check(`at most ${target.maxWidth} px wide`, width <= target.maxWidth, `${width} px`);
  if (target.minSide !== undefined)
    check(`at least ${target.minSide}×${target.minSide} px`, Math.min(width, height) >= target.minSide, `${width}×${height}`);
  if (target.fps) {
    const fps = video?.fps;
    check(
      `${target.fps.min}–${target.fps.max} frames a second`,
      fps !== undefined && fps >= target.fps.min && fps <= target.fps.max,
      fps === undefined ? 'unknown' : `${fps} fps`,
    );
  }
  if (target.seconds) {
    const seconds = info.durationSeconds;
    // ffmpeg rounds the container's length to the millisecond.
    const ok = seconds !== undefined && seconds >= target.seconds.min - 0.001 && seconds <= target.seconds.max + 0.001;
    check(`${target.seconds.min}–${target.seconds.max} s long`, ok, seconds === undefined ? 'unknown' : `${seconds.toFixed(3)} s`);
  }
  if (target.sound === 'none') {
    check('no audio stream', audio === undefined, audio ? `${audio.codec} audio` : 'none');
  } else if (audio) {
    check('AAC audio', audio.codec === 'aac', `${audio.codec}${audio.profile ? ` (${audio.profile})` : ''}`);
    if (target.maxAudioRate !== undefined)
      check(`audio at most ${target.maxAudioRate / 1000} kHz`, audio.sampleRate <= target.maxAudioRate, `${audio.sampleRate} Hz`);
  }
  if (target.maxBytes !== undefined)
    check(`at most ${target.maxBytes / 1e6} MB`, info.bytes <= target.maxBytes, `${(info.bytes / 1e6).toFixed(2)} MB`);
  if (target.moovFirst)
    check(
      'index (moov) before the media data',
      info.mp4?.moovFirst === true,
      info.mp4 ? (info.mp4.moovFirst ? 'first' : 'after the data') : 'not an MP4',
    );
  if (target.encoding?.editList === false)
    check('no edit lists', info.mp4?.editLists === false, info.mp4?.editLists ? 'has an edit list' : 'none');
  return checks;
}

/** The checks as lines, `✓ rule: found` or `✗ rule: found`. */
export function describeChecks(checks: readonly RuleCheck[]): string {
  return checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.rule}: ${c.found}`).join('\n');
}
