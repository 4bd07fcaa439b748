import type { CommandModule } from 'yargs';
import { presetRadius, presets } from '../recipe/presets.ts';

/** `zsweep presets`: the post's example images, for --preset. */
export const presetsCommand: CommandModule = {
  command: 'presets',
  describe: "list the post's example images, for --preset",
  builder: {},
  handler: () => {
    for (const p of presets) {
      process.stdout.write(
        `${p.slug.padEnd(22)} ${p.title.padEnd(22)} seed ${p.seed.padEnd(11)} z ${String(p.z).padEnd(5)} β ${String(p.beta).padEnd(7)} ${p.arch}${p.colour === 'bw' ? ', black and white' : ''}\n`,
      );
    }
    process.stderr.write(
      `Animations circle (radius ${presetRadius}) around the post's z. These are the post's settings on zsweep's own generator, not the post's exact pictures.\n`,
    );
  },
};
