import { describeBackends } from '../backends/describe-backends.ts';
import { findFfmpeg } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { type Format, formatNames, formats } from '../encoders/formats.ts';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';

/** What `zsweep info` prints: the version, the ffmpeg that video would use and its encoders, and the backends. */
export async function describeSetup({
  explicit,
  env,
}: {
  explicit?: string;
  env: Readonly<Record<string, string | undefined>>;
}): Promise<string> {
  const lines = [`zsweep ${version} on Node ${process.versions.node} (${process.platform}-${process.arch})`];
  const all = formatNames.map((name): [string, Format] => [name, formats[name]]);
  try {
    const ffmpeg = await findFfmpeg({ explicit, env });
    lines.push(`ffmpeg: ${ffmpeg.version} from ${ffmpeg.source}: ${ffmpeg.path}`);
    for (const [, format] of all) {
      if (!format.video) continue;
      const { encoder, label, audioEncoder } = format.video;
      const has = (name: string) => (ffmpeg.encoders.includes(name) ? 'yes' : 'no, this ffmpeg lacks the encoder');
      lines.push(`  .${format.extensions[0]} (${label}, ${encoder}): ${has(encoder)}; with sound (${audioEncoder}): ${has(audioEncoder)}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    lines.push(`ffmpeg: not usable. ${error.message}`);
  }
  const without = all
    .filter(([, format]) => !format.video)
    .map(([_name, format]) => (format.sequence ? `frames/%04d.${format.extensions[0]}` : `.${format.extensions[0]}`));
  lines.push(`  ${without.slice(0, -1).join(', ')} and ${without.at(-1)}: yes (no ffmpeg needed)`);
  lines.push('backends:', ...(await describeBackends()).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}
