import { type JourneyFrames, mixed, sectionMix, type Transition } from '../cppn/journey.ts';
import type { AudioFeatures } from './audio-analyser.ts';
import type { AudioMotion } from './audio-motion.ts';
import { sectionEnergy } from './section-energy.ts';

/** A blend takes two bars, within these bounds in seconds; without a beat, the middle of them. */
const transitionBars = 2;
const shortestTransition = 1;
const longestTransition = 6;
const unbeatenTransition = 3;

/** How long a blend between sections takes: two bars of the beat, or 3 s without one. */
export function transitionSeconds(barSeconds: number | undefined): number {
  if (barSeconds === undefined) return unbeatenTransition;
  return Math.min(longestTransition, Math.max(shortestTransition, transitionBars * barSeconds));
}

/**
 * The journey's frames from the music's motion: each section's energy (section-energy.ts), eased across
 * its boundaries whatever the transition, scales the steps of the travel (then the whole is scaled back
 * to the same turns, so the calibrated average speed holds) and the pulses; the beat's surges and
 * accents stay where they were, only larger or smaller. Journey time runs at the energy's pace too.
 */
export function journeyFrames(
  motion: AudioMotion,
  {
    features,
    sections,
    transition,
    barSeconds,
    pulseAmount,
    frames,
    fps,
  }: {
    features: AudioFeatures;
    sections: readonly number[];
    transition: Transition;
    barSeconds: number | undefined;
    pulseAmount: number;
    frames: number;
    fps: number;
  },
): JourneyFrames & { readonly energy: Float64Array } {
  const seconds = transitionSeconds(barSeconds);
  const mix = sectionMix(sections, { frames, fps, transition, transitionSeconds: seconds });
  const smooth = transition === 'blend' ? mix : sectionMix(sections, { frames, fps, transition: 'blend', transitionSeconds: seconds });
  const perSection = sectionEnergy(features, sections, frames / fps);
  const energy = mixed(smooth, (k) => perSection[k]);
  const { position: asPlayed, pulse } = motion;
  const position = new Float64Array(frames);
  for (let f = 1; f < frames; f++) position[f] = position[f - 1] + (asPlayed[f] - asPlayed[f - 1]) * energy[f];
  const total = position[frames - 1];
  if (total > 0) for (let f = 0; f < frames; f++) position[f] *= asPlayed[frames - 1] / total;
  const push = Float64Array.from(pulse, (p, f) => pulseAmount * p * energy[f]);
  const time = new Float64Array(frames);
  for (let f = 1; f < frames; f++) time[f] = time[f - 1] + energy[f] / fps;
  return { position, push, time, mix, energy };
}
