import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import { parseStudioOptions, type StudioArgs } from '../options/studio-options.ts';
import { asUsageError } from '../output/write-errors.ts';
import { writeLauncherFile } from '../studio/server/launcher-file.ts';
import { startStudio } from '../studio/server/studio-server.ts';
import type { CommandContext } from './command-context.ts';
import { optionAliases, text } from './shared-options.ts';

const listenErrors: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use; choose another --port, or leave it out for a free one',
  EACCES: 'permission denied; choose a --port above 1023, or leave it out',
  EADDRNOTAVAIL: 'no interface of this machine has that address; choose another --host',
};

/** `zsweep studio`: explore, breed and preview in a browser, and render from there; runs until Ctrl-C. */
export function studioCommand({ signal, env }: CommandContext): CommandModule {
  return {
    command: 'studio',
    describe: 'explore and breed looping networks live in a browser, then render them',
    builder: (command: Argv) =>
      command
        .option('port', text('port to listen on (0: a free one)', '0'))
        .option('host', text('address to listen on; 0.0.0.0 makes the studio reachable from other machines', '127.0.0.1'))
        .option('out', { ...text('folder that renders and their recipes go into', 'output'), alias: optionAliases.out })
        .option('open', { type: 'boolean', describe: 'open the page in a browser (--no-open: only print its URL)', default: true }),
    handler: async (argv) => {
      const options = parseStudioOptions(argv as StudioArgs);
      for (const warning of options.warnings) process.stderr.write(`zsweep: warning: ${warning}\n`);
      await mkdir(options.outFolder, { recursive: true }).catch((error) => {
        throw asUsageError(error, options.outFolder);
      });
      const studio = await startStudio({ ...options, env }).catch((error: NodeJS.ErrnoException) => {
        const why = listenErrors[error.code ?? ''];
        if (why) throw new UsageError(`Cannot listen on ${options.host}:${options.port}: ${why}`);
        throw error;
      });
      process.stdout.write(`${studio.url}\n`);
      process.stderr.write(`zsweep: studio running; renders go into ${options.outFolder}/; Ctrl-C stops it\n`);
      const launcher = options.open ? await openBrowser(studio.url) : undefined;
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await studio.close();
      await launcher?.remove();
      process.stderr.write('zsweep: studio stopped\n');
    },
  };
}

/**
 * The desktop's browser, where there is one; without one the printed URL is enough. It is opened on a
 * private file that leads on to the URL, never on the URL itself: a command line is visible to all users.
 */
async function openBrowser(url: string): Promise<{ remove(): Promise<void> }> {
  const launcher = await writeLauncherFile(url);
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [launcher.path], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
  return launcher;
}
