/**
 * The real music of the beat evaluation: 30-second excerpts of game soundtracks packaged by Debian (full
 * mixes, real instruments, Ogg Vorbis). Nothing of them is kept in git: the packages are fetched with
 * `apt-get download`, unpacked with `dpkg-deb -x`, and the excerpts cut with ffmpeg into the cache folder,
 * once. A machine without apt-get, dpkg-deb or the Debian mirror cannot make them: the caller is told why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Excerpt {
  /** A short name for the table. */
  readonly id: string;
  readonly pkg: 'wesnoth-1.16-music' | 'hyperrogue-music' | 'drascula-music';
  /** The file within the unpacked package. */
  readonly file: string;
  /** 60 s in where the track is long enough, else its middle 30 s. */
  readonly startSeconds: number;
}

const wesnoth = 'usr/share/games/wesnoth/1.16/data/core/music';
const hyperrogue = 'usr/share/hyperrogue/music';
const drascula = 'usr/share/scummvm/drascula/audio';

export const excerptSeconds = 30;

export const excerpts: readonly Excerpt[] = [
  { id: 'drascula-track1', pkg: 'drascula-music', file: `${drascula}/track1.ogg`, startSeconds: 26 },
  { id: 'drascula-track2', pkg: 'drascula-music', file: `${drascula}/track2.ogg`, startSeconds: 60 },
  { id: 'drascula-track3', pkg: 'drascula-music', file: `${drascula}/track3.ogg`, startSeconds: 60 },
  { id: 'drascula-track5', pkg: 'drascula-music', file: `${drascula}/track5.ogg`, startSeconds: 60 },
  { id: 'drascula-track6', pkg: 'drascula-music', file: `${drascula}/track6.ogg`, startSeconds: 30 },
  { id: 'drascula-track9', pkg: 'drascula-music', file: `${drascula}/track9.ogg`, startSeconds: 60 },
  { id: 'drascula-track14', pkg: 'drascula-music', file: `${drascula}/track14.ogg`, startSeconds: 60 },
  { id: 'drascula-track18', pkg: 'drascula-music', file: `${drascula}/track18.ogg`, startSeconds: 60 },
  { id: 'drascula-track23', pkg: 'drascula-music', file: `${drascula}/track23.ogg`, startSeconds: 60 },
  { id: 'drascula-track26', pkg: 'drascula-music', file: `${drascula}/track26.ogg`, startSeconds: 60 },
  { id: 'hyperrogue-domina-hunting', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr-domina-hunting.ogg`, startSeconds: 20 },
  { id: 'hyperrogue-savino-palace', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr-savino-palace.ogg`, startSeconds: 17 },
  { id: 'hyperrogue-caves', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-caves.ogg`, startSeconds: 14 },
  { id: 'hyperrogue-desert', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-desert.ogg`, startSeconds: 21 },
  { id: 'hyperrogue-hell', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-hell.ogg`, startSeconds: 60 },
  { id: 'hyperrogue-icyland', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-icyland.ogg`, startSeconds: 27 },
  { id: 'hyperrogue-laboratory', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-laboratory.ogg`, startSeconds: 60 },
  { id: 'hyperrogue-mirror', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-mirror.ogg`, startSeconds: 24 },
  { id: 'hyperrogue-motion', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-motion.ogg`, startSeconds: 27 },
  { id: 'hyperrogue-rlyeh', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-rlyeh.ogg`, startSeconds: 60 },
  { id: 'wesnoth-battle', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/battle.ogg`, startSeconds: 60 },
  { id: 'wesnoth-casualties-of-war', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/casualties_of_war.ogg`, startSeconds: 60 },
  { id: 'wesnoth-knalgan-theme', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/knalgan_theme.ogg`, startSeconds: 60 },
  { id: 'wesnoth-loyalists', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/loyalists.ogg`, startSeconds: 60 },
  { id: 'wesnoth-frantic', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/frantic.ogg`, startSeconds: 60 },
  { id: 'wesnoth-elvish-theme', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/elvish-theme.ogg`, startSeconds: 60 },
  { id: 'wesnoth-revelation', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/revelation.ogg`, startSeconds: 24 },
  { id: 'wesnoth-love-theme', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/love_theme.ogg`, startSeconds: 60 },
];

/** What the caller needs to know when the material cannot be made here, or undefined when it is ready. */
export function prepareExcerpts(folder: string, ffmpeg: string): string | undefined {
  mkdirSync(folder, { recursive: true });
  const missing = excerpts.filter((e) => !existsSync(wavOf(folder, e)));
  if (missing.length === 0) return undefined;
  const unpacked = join(folder, 'packages');
  for (const pkg of new Set(missing.map((e) => e.pkg))) {
    if (existsSync(join(unpacked, pkg))) continue;
    try {
      execFileSync('apt-get', ['download', pkg], { cwd: folder, stdio: 'pipe' });
      const deb = readdirSync(folder).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
      if (!deb) return `apt-get download ${pkg} left no .deb in ${folder}`;
      execFileSync('dpkg-deb', ['-x', join(folder, deb), join(unpacked, pkg)], { stdio: 'pipe' });
    } catch (error) {
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(error);
      return `could not fetch the Debian package ${pkg} (${said}); on Debian or Ubuntu run \`apt-get update\` once, as root, with network`;
    }
  }
  for (const excerpt of missing) {
    const source = join(unpacked, excerpt.pkg, excerpt.file);
    if (!existsSync(source)) return `${excerpt.pkg} has no ${excerpt.file}: a different version of the package?`;
    // Mono 44.1 kHz 16-bit: what the reference tracker reads; zsweep decodes the same file with its own ffmpeg.
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-ss',
      String(excerpt.startSeconds),
      '-t',
      String(excerptSeconds),
      '-i',
      source,
      '-ac',
      '1',
      '-ar',
      '44100',
      '-c:a',
      'pcm_s16le',
      wavOf(folder, excerpt),
    ]);
  }
  return undefined;
}

export const wavOf = (folder: string, excerpt: Excerpt): string => join(folder, `${excerpt.id}.wav`);
