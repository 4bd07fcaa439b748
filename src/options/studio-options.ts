import { isIP } from 'node:net';
import { invalidOption } from '../errors.ts';
import { defaultOutputFolder } from '../output/output-file.ts';
import { given, parseInteger } from './values.ts';

/** The studio command's arguments, as yargs hands them over. */
export interface StudioArgs {
  port?: string;
  host?: string;
  out?: string;
  open?: boolean;
}

export interface StudioCommandOptions {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly outFolder: string;
  readonly open: boolean;
  /** Said before the URL, when the studio can be reached from other machines. */
  readonly warnings: readonly string[];
}

const loopbackHosts = ['127.0.0.1', '::1', 'localhost'];

export function parseStudioOptions(args: StudioArgs): StudioCommandOptions {
  const port =
    given(args.port, (raw) => parseInteger('port', raw, { min: 0, max: 65535, example: '8642', what: '(0 picks a free port)' })) ?? 0;
  const host = (args.host ?? '127.0.0.1').trim();
  if (!loopbackHosts.includes(host) && isIP(host) === 0) {
    throw invalidOption(
      'host',
      args.host,
      'an IP address to listen on, e.g. --host 127.0.0.1 (the default), or --host 0.0.0.0 for every interface',
    );
  }
  const outFolder = args.out ?? defaultOutputFolder;
  if (outFolder.trim() === '') throw invalidOption('out', args.out, 'the folder renders go into, e.g. --out output');
  const warnings = loopbackHosts.includes(host)
    ? []
    : [
        `the studio listens on ${host}: anyone who can reach this machine and learns the URL's token can render into ${outFolder} and download the renders`,
      ];
  return { host, port, outFolder, open: args.open ?? true, warnings };
}
