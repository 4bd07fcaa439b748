import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { ffmpegOnce } from '../encoders/ffmpeg/find-ffmpeg.ts';
import { exportKinds } from '../export/export-kinds.ts';
import { exportLoop } from '../export/export-loop.ts';
import { type ExportArgs, parseExportOptions } from '../options/export-options.ts';
import { defaultOutputFolder, defaultTarget, prepareOutput } from '../output/output-file.ts';
import { draftOfStored } from '../recipe/recipe-draft.ts';
import { measureLook } from '../render/measure-look.ts';
import type { CommandContext } from './command-context.ts';
import { readFrom } from './read-from.ts';
import { audioOptions, optionAliases, text, videoOnly, withSharedOptions } from './shared-options.ts';

/** `zsweep export`: the loop as a live web page, web component, ISF generator or Shadertoy shader. */
export function exportCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: 'export',
    describe:
      'export the loop to play live on a GPU: a web page (.html), a <zsweep-loop> web component (.js), ISF (.fs), Shadertoy (.glsl)',
    builder: (command: Argv) =>
      withSharedOptions(command, [
        'recipe-out',
        'size',
        ...videoOnly,
        ...audioOptions.filter((name) => name !== 'audio' && name !== 'bars' && name !== 'bpm'),
        'backend',
      ])
        .option('size', {
          ...text('the page at this size WIDTHxHEIGHT in CSS pixels (the look is measured at its shape)', 'the page fills the window'),
          alias: optionAliases.size,
        })
        .option('cell', text('with --from SHEET: which cell of a contact sheet (zsweep grid), numbered from 1 as labelled'))
        .option('out', {
          ...text('.html page, .js web component, .fs/.isf.fs ISF generator or .glsl Shadertoy shader', 'output/zsweep-SEED.html'),
          alias: optionAliases.out,
        }),
    handler: async (argv) => {
      const args = argv as ExportArgs & { from?: string; cell?: string };
      const stored = await readFrom(args, ffmpegOnce({ env }));
      const options = parseExportOptions(args, { base: stored && draftOfStored(stored) });
      // The look is measured as a render measures it, so the live loop is the CLI's loop.
      const recipe = await measureLook(options.recipe, options.look, { signal });
      const target = options.out ?? (await defaultTarget(defaultOutputFolder, `zsweep-${recipe.seed}`, '.html'));
      const output = await prepareOutput(target, { force: options.force, fresh: options.out === undefined });
      try {
        const contents = await exportLoop({ recipe, kind: options.kind, fit: options.fit });
        await writeFile(output.tempPath, contents);
        await output.commit();
        const bytes = Buffer.byteLength(contents);
        process.stdout.write(`${output.target}\nseed ${recipe.seed}\n`);
        if (!options.quiet) {
          process.stderr.write(
            `zsweep: ${exportKinds[options.kind].label}, ${(bytes / 1024).toFixed(1)} KB (${bytes} bytes): a ${recipe.frames}-frame loop at ${recipe.fps} fps, ${recipe.network.arch}\n`,
          );
        }
      } catch (error) {
        await output.discard();
        throw error;
      }
    },
  };
}
