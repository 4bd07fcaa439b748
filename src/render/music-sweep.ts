import { createAudioSweep } from '../audio/audio-sweep.ts';
import { beatMotion, beatTurns, frameBeatsOf } from '../audio/beat-motion.ts';
import { journeyFrames, transitionSeconds } from '../audio/journey-motion.ts';
import { reactToAudio } from '../audio/react.ts';
import type { AudioTrack } from '../audio/read-audio.ts';
import type { Colouring } from '../cppn/colour.ts';
import { createJourneySweep, sectionMix } from '../cppn/journey.ts';
import { journeyColouring } from '../cppn/journey-colouring.ts';
import type { Sweep } from '../cppn/sweep.ts';
import type { Recipe } from '../recipe/recipe.ts';

/**
 * The sweep of a render that follows music: with a soundtrack, z follows the track (and its beat
 * where the react says so), and a song's journey (recipe.journey) travels on through its sections;
 * without one, a loop of whole bars surges and pulses on its own beat.
 * Worked out for every frame here, before the loop. Undefined for the recipe's constant-speed sweep.
 */
export function musicSweep(recipe: Recipe, audio: AudioTrack | undefined): Sweep | undefined {
  const { sweep, network, seed, frames, fps, beat } = recipe;
  const beats = beat ? frameBeatsOf(beat, frames, fps) : undefined;
  if (recipe.audio && audio) {
    const { react, turns } = recipe.audio;
    const motion = reactToAudio(audio.features, react, turns, frames, fps, beats);
    if (recipe.journey && network.journeyLatent) {
      const { sections, transition } = recipe.journey;
      const barSeconds = barSecondsOf(recipe);
      const journey = journeyFrames(motion, {
        features: audio.features,
        sections,
        transition,
        barSeconds,
        pulseAmount: react.pulseAmount,
        frames,
        fps,
      });
      return createJourneySweep(sweep, network.latent, seed, network.journeyLatent, journey);
    }
    return createAudioSweep(sweep, network.latent, seed, motion, react.pulseAmount, turns);
  }
  if (!beat || !beats || recipe.audio) return undefined;
  const turns = sweep.loop === 'none' ? 1 : beatTurns(beat, frames, fps);
  const motion = beatMotion(beats, frames / beats.framesPerBeat / turns, frames);
  return createAudioSweep(sweep, network.latent, seed, motion, beat.accent ?? 0, turns);
}

/** The seconds of a bar of the recipe's beat, if it keeps one. */
function barSecondsOf({ beat }: Recipe): number | undefined {
  return beat ? (beat.beatsPerBar * 60) / beat.bpm : undefined;
}

/**
 * The colouring of each frame of a journey with a palette per section (journey-colouring.ts); undefined
 * where one colouring serves every frame.
 */
export function musicColouring(recipe: Recipe): ((frame: number) => Colouring) | undefined {
  const { journey, frames, fps } = recipe;
  if (!journey?.palettes || recipe.colour !== 'palette') return undefined;
  const mix = sectionMix(journey.sections, {
    frames,
    fps,
    transition: journey.transition,
    transitionSeconds: transitionSeconds(barSecondsOf(recipe)),
  });
  return journeyColouring(recipe, journey.palettes, mix);
}
