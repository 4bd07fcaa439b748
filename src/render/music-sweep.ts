import { createAudioSweep } from '../audio/audio-sweep.ts';
import { beatMotion, beatTurns, frameBeatsOf } from '../audio/beat-motion.ts';
import { reactToAudio } from '../audio/react.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import type { Sweep } from '../cppn/sweep.ts';
import type { Recipe } from '../recipe/recipe.ts';

/**
 * The sweep of a render that follows music: with a soundtrack, z follows the track (and its beat
 * where the react says so); without one, a loop of whole bars surges and pulses on its own beat.
 * Worked out for every frame here, before the loop. Undefined for the recipe's constant-speed sweep.
 */
export function musicSweep(recipe: Recipe, audio: AudioTrack | undefined): Sweep | undefined {
  const { sweep, network, seed, frames, fps, beat } = recipe;
  const beats = beat ? frameBeatsOf(beat, frames, fps) : undefined;
  if (recipe.audio && audio) {
    const { react, turns } = recipe.audio;
    const motion = reactToAudio(audio.features, react, turns, frames, fps, beats);
    return createAudioSweep(sweep, network.latent, seed, motion, react.pulseAmount, turns);
  }
  if (!beat || !beats || recipe.audio) return undefined;
  const turns = sweep.loop === 'none' ? 1 : beatTurns(beat, frames, fps);
  const motion = beatMotion(beats, frames / beats.framesPerBeat / turns, frames);
  return createAudioSweep(sweep, network.latent, seed, motion, beat.accent ?? 0, turns);
}
