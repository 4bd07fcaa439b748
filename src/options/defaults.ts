/** The defaults, in one place. A 512², 4-second loop renders in about 4 s on two cores (README). */
export const defaults = {
  size: '512x512',
  width: 512,
  height: 512,
  fps: 30,
  durationSeconds: 4,
  arch: 'densenet',
  layers: 8,
  beta: 256,
  colour: 'rgb',
  scale: 1,
  loop: 'circle',
  latent: 2,
  inputs: 'standard',
  radius: 1,
  zFrom: -1,
  zTo: 1,
  zCentre: 0,
  format: 'mp4',
  backend: 'auto',
  aa: 1,
  /** zsweep still: album-art size, supersampled. */
  stillSize: 1024,
  stillAa: 2,
  /** zsweep grid. */
  seeds: '1-16',
  cell: 160,
} as const;

/** The post's densenet is 8 sigmoid units wide; its perceptron and resnet 32 tanh units. */
export function defaultHidden(arch: string): number {
  return arch === 'densenet' ? 8 : 32;
}
export function defaultActivation(arch: string): 'sigmoid' | 'tanh' {
  return arch === 'densenet' ? 'sigmoid' : 'tanh';
}

/** An audio-driven video lasts as long as its track unless told otherwise, and goes round its path once per this many seconds. */
export const secondsPerTurn = 8;
