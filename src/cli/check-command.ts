import { stat } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { checkPlatformFile, describeChecks } from '../encoders/check-platform-file.ts';
import { findFfmpeg } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { probeMedia } from '../encoders/ffmpeg/probe-media.ts';
import { type PlatformName, platformNames, platformTargets } from '../encoders/platform-targets.ts';
import { CheckFailed, FfmpegFailed, invalidArgument } from '../errors.ts';
import { type CheckArgs, parseCheckOptions } from '../options/check-options.ts';
import type { CommandContext } from './command-context.ts';
import { text } from './shared-options.ts';

/** `zsweep check FILE --for TARGET`: whether a file (any file, not only zsweep's) keeps a platform's rules. */
export function checkCommand({ env }: CommandContext): CommandModule {
  return {
    command: 'check <file>',
    describe: "check a video or picture against a platform's rules",
    builder: (command: Argv) =>
      command
        .positional('file', { type: 'string', describe: 'the file to check' })
        .option('for', text(`the platform: ${platformNames.join(', ')}`))
        .option('ffmpeg', text('the ffmpeg that reads the file', 'FFMPEG_PATH, then PATH, then the bundled one')),
    handler: async (argv) => {
      const { file, target, ffmpeg } = parseCheckOptions(argv as CheckArgs);
      const lines = await checkFile(file, target, { explicit: ffmpeg, env });
      process.stdout.write(`${lines}\n`);
    },
  };
}

/**
 * Probes `file` and checks it against the platform: the lines to print when it passes; a CheckFailed
 * naming the broken rules when it does not. A file ffmpeg cannot read is a usage error.
 */
export async function checkFile(
  file: string,
  target: PlatformName,
  { explicit, env }: { explicit?: string; env: Readonly<Record<string, string | undefined>> },
): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile())
    throw invalidArgument(
      'check',
      'file',
      file,
      `a video or picture to check; ${info ? 'that is a folder' : 'no such file, check the path'}`,
    );
  const ffmpeg = await findFfmpeg({ explicit, env });
  const media = await probeMedia(ffmpeg.path, file).catch((error: unknown) => {
    if (!(error instanceof FfmpegFailed)) throw error;
    throw invalidArgument('check', 'file', file, 'a video or picture ffmpeg can read; it could not read this one');
  });
  const checks = checkPlatformFile(media, target);
  const label = platformTargets[target].label;
  const report = `${file} for ${label}:\n${describeChecks(checks)}`;
  const broken = checks.filter((c) => !c.ok);
  if (broken.length === 0) return `${report}\nall ${checks.length} rules kept`;
  const error = new CheckFailed(
    `${file} breaks ${broken.length} of ${checks.length} rules of ${label}: ${broken.map((c) => `${c.rule} (it has ${c.found})`).join('; ')}`,
  );
  error.afterword = report;
  throw error;
}
