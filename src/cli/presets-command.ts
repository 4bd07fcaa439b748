import type { CommandModule } from 'yargs';
import { presets } from '../recipe/presets.ts';

/** `zsweep presets`: the post's example images, for --preset. */
export const presetsCommand: CommandModule = {
  command: 'presets',
  describe: "list the post's example images, for --preset",
  builder: {},
  handler: () => {
    for (const { slug, title, look, draft } of presets) {
      process.stdout.write(
        `${slug.padEnd(22)} ${title.padEnd(22)} seed ${draft.seed.padEnd(11)} ${draft.arch?.padEnd(10)} β ${String(draft.beta).padEnd(5)} ${look}\n`,
      );
    }
    process.stderr.write(
      "The post's titles and seeds, each made anew on zsweep's generator to look like its name: the post's own pictures cannot be reproduced.\n",
    );
  },
};
