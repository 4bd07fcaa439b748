/**
 * The full tracks of the section evaluation: whole game-soundtrack recordings of 2 to 6 minutes from the
 * Debian packages of the beat evaluation (scripts/eval-beats/excerpts.mts fetches and unpacks them into
 * its folder). Nothing of them is kept in git. Hand marks, for those that have them, are in marks.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Track {
  readonly id: string;
  readonly pkg: 'wesnoth-1.16-music' | 'hyperrogue-music' | 'drascula-music';
  /** The file within the unpacked package. */
  readonly file: string;
}

const wesnoth = 'usr/share/games/wesnoth/1.16/data/core/music';
const hyperrogue = 'usr/share/hyperrogue/music';
const drascula = 'usr/share/scummvm/drascula/audio';

export const tracks: readonly Track[] = [
  { id: 'wesnoth-battle', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/battle.ogg` },
  { id: 'wesnoth-casualties-of-war', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/casualties_of_war.ogg` },
  { id: 'wesnoth-frantic', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/frantic.ogg` },
  { id: 'wesnoth-loyalists', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/loyalists.ogg` },
  { id: 'wesnoth-elvish-theme', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/elvish-theme.ogg` },
  { id: 'wesnoth-heroes-rite', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/heroes_rite.ogg` },
  { id: 'wesnoth-the-city-falls', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/the_city_falls.ogg` },
  { id: 'wesnoth-vengeful', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/vengeful.ogg` },
  { id: 'hyperrogue-hell', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-hell.ogg` },
  { id: 'hyperrogue-graveyard', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-graveyard.ogg` },
  { id: 'hyperrogue-rlyeh', pkg: 'hyperrogue-music', file: `${hyperrogue}/hr3-rlyeh.ogg` },
  { id: 'drascula-track1', pkg: 'drascula-music', file: `${drascula}/track1.ogg` },
  { id: 'drascula-track2', pkg: 'drascula-music', file: `${drascula}/track2.ogg` },
  { id: 'drascula-track26', pkg: 'drascula-music', file: `${drascula}/track26.ogg` },
  { id: 'wesnoth-wanderer', pkg: 'wesnoth-1.16-music', file: `${wesnoth}/wanderer.ogg` },
];

export interface Marks {
  readonly pkg: string;
  readonly file: string;
  /** Where a section starts, in seconds (0 excluded), as marked by hand. */
  readonly boundaries: readonly number[];
  readonly note?: string;
}

/** Hand marks by track id. */
export function readMarks(): Record<string, Marks> {
  const path = join(import.meta.dirname, 'marks.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')).tracks as Record<string, Marks>) : {};
}

export const pathOf = (packages: string, track: Track) => join(packages, track.pkg, track.file);

/** Unpacks the Debian packages the tracks come from into `packages` (once); what went wrong, or undefined. */
export function preparePackages(packages: string): string | undefined {
  for (const pkg of new Set(tracks.map((t) => t.pkg))) {
    if (existsSync(join(packages, pkg))) continue;
    try {
      mkdirSync(packages, { recursive: true });
      execFileSync('apt-get', ['download', pkg], { cwd: packages, stdio: 'pipe' });
      const deb = readdirSync(packages).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
      if (!deb) return `apt-get download ${pkg} left no .deb in ${packages}`;
      execFileSync('dpkg-deb', ['-x', join(packages, deb), join(packages, pkg)], { stdio: 'pipe' });
    } catch (error) {
      const said = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(error);
      return `could not fetch the Debian package ${pkg} (${said}); on Debian or Ubuntu run \`apt-get update\` once, as root, with network`;
    }
  }
  const missing = tracks.find((t) => !existsSync(pathOf(packages, t)));
  return missing ? `${missing.pkg} has no ${missing.file}: a different version of the package?` : undefined;
}
