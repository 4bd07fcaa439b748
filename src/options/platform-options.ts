import type { FormatName } from '../encoders/formats.ts';
import { type PlatformName, type PlatformTarget, platformTargets } from '../encoders/platform-targets.ts';
import { UsageError } from '../errors.ts';
import type { RecipeDraft } from '../recipe/recipe-draft.ts';

/**
 * A recipe or preset with a platform's size and frame rate in place of its own, and its length
 * dropped (the platform's rules set it): what the command line's options then override.
 */
export function platformBase(base: RecipeDraft, name: PlatformName, formatName: FormatName): RecipeDraft {
  const target = platformTargets[name];
  if (formatName !== target.format) {
    throw new UsageError(
      `Invalid --out with --for ${name}: ${target.label} takes ${target.format === 'png' ? 'a PNG picture' : 'an MP4 (H.264) video'}; end --out in .${target.format} or leave it out`,
    );
  }
  const [width, height] = target.size;
  return { ...base, width, height, fps: target.fps?.default ?? base.fps, frames: undefined, durationSeconds: undefined, target: name };
}

/** `--for NAME` broke `rule`: one line naming the option, the rule, its source and the fix. */
function breaks(name: PlatformName, option: string, value: string, rule: string, fix: string): UsageError {
  const target = platformTargets[name];
  return new UsageError(
    `Invalid --${option} ${JSON.stringify(value)} for --for ${name}: ${target.label} ${rule} (${target.source}); ${fix}`,
  );
}

/** The frame's size and rate against the platform's rules; a request it would reject is refused. */
export function checkPlatformShape(
  name: PlatformName,
  { width, height, fps }: { width: number; height: number; fps: number; aa: number; formatName: FormatName; args: object },
): void {
  const target = platformTargets[name];
  const size = `${width}x${height}`;
  const fix = `use --size ${target.size.join('x')} or leave --size out`;
  for (const problem of shapeProblems(target, width, height)) throw breaks(name, 'size', size, problem, fix);
  if (target.fps && (fps < target.fps.min || fps > target.fps.max)) {
    throw breaks(
      name,
      'fps',
      String(fps),
      `takes ${target.fps.min} to ${target.fps.max} frames a second`,
      `use --fps ${target.fps.default} or leave --fps out`,
    );
  }
}

/** What is wrong with a frame of `width × height` for the platform, as rules: empty when it fits. */
export function shapeProblems(target: PlatformTarget, width: number, height: number): string[] {
  const problems: string[] = [];
  const [aw, ah] = target.aspect;
  if (Math.abs((width * ah) / (height * aw) - 1) > 0.005) problems.push(`is ${aw}:${ah} (width : height)`);
  if (target.height?.min !== undefined && height < target.height.min) problems.push(`is at least ${target.height.min} px tall`);
  if (target.height?.max !== undefined && height > target.height.max) problems.push(`is at most ${target.height.max} px tall`);
  if (target.maxWidth !== undefined && width > target.maxWidth) problems.push(`is at most ${target.maxWidth} px wide`);
  if (target.minSide !== undefined && Math.min(width, height) < target.minSide)
    problems.push(`is at least ${target.minSide}×${target.minSide} px`);
  return problems;
}

/** The video's length against the platform's. */
export function checkPlatformLength(
  name: PlatformName,
  seconds: number,
  args: { frames?: string; duration?: string; bars?: string },
): void {
  const range = platformTargets[name].seconds;
  if (!range || (seconds >= range.min - 1e-6 && seconds <= range.max + 1e-6)) return;
  const option =
    args.bars !== undefined ? 'bars' : args.frames !== undefined ? 'frames' : args.duration !== undefined ? 'duration' : 'audio';
  const value = args.bars ?? args.frames ?? args.duration ?? `${seconds.toFixed(2)} s`;
  throw breaks(
    name,
    option,
    value,
    `lasts ${range.min} to ${range.max} s, and this is ${seconds.toFixed(2)} s`,
    `give a length in that range, e.g. --duration ${range.default}`,
  );
}
