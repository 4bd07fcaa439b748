import { describeBackends } from '../backends/describe-backends.ts';
import { videoCodecs, videoFormats } from '../encoders/ffmpeg/ffmpeg-args.ts';
import { findFfmpeg } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { UsageError } from '../errors.ts';
import { version } from '../version.ts';

/** What `zsweep info` prints: the version, the ffmpeg that video would use and its encoders, and the backends. */
export async function describeSetup({ explicit, env }: { explicit?: string; env: Readonly<Record<string, string | undefined>> }): Promise<string> {
  const lines = [`zsweep ${version} on Node ${process.versions.node} (${process.platform}-${process.arch})`];
  try {
    const ffmpeg = await findFfmpeg({ explicit, env });
    lines.push(`ffmpeg: ${ffmpeg.version} from ${ffmpeg.source}: ${ffmpeg.path}`);
    for (const format of videoFormats) {
      const { encoder, label } = videoCodecs[format];
      lines.push(`  .${format} (${label}, ${encoder}): ${ffmpeg.encoders.includes(encoder) ? 'yes' : 'no, this ffmpeg lacks the encoder'}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    lines.push(`ffmpeg: not usable. ${error.message}`);
  }
  lines.push('  .gif, .png and frames/%04d.png: yes (no ffmpeg needed)');
  lines.push('backends:', ...(await describeBackends()).map((line) => `  ${line}`));
  return lines.join('\n') + '\n';
}
