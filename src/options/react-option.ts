import { defaultReact, pulseDrives, type ReactSpec, speedDrives } from '../audio/react.ts';
import { invalidOption } from '../errors.ts';
import { limits } from '../recipe/limits.ts';

const reactKeys = ['speed', 'pulse', 'pulse-amount'] as const;
const reactExample = 'speed=loudness,pulse=bass,pulse-amount=0.2';

/** `speed=bass,pulse=none`: what the sound drives, each key at most once; keys left out take `fallback`'s. */
export function parseReact(raw: string, fallback: ReactSpec = defaultReact): ReactSpec {
  const settings: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const [key, value, ...rest] = part.split('=').map((text) => text.trim().toLowerCase());
    if (!(reactKeys as readonly string[]).includes(key) || value === undefined || value === '' || rest.length || key in settings) {
      throw invalidOption(
        'react',
        raw,
        `KEY=VALUE pairs separated by commas, each of ${reactKeys.join(', ')} at most once, e.g. --react ${reactExample}`,
      );
    }
    settings[key] = value;
  }
  const choice = <T extends string>(key: string, fallback: T, choices: readonly T[]): T => {
    const value = settings[key] ?? fallback;
    if (!(choices as readonly string[]).includes(value))
      throw invalidOption('react', raw, `${key}= one of ${choices.join(', ')}, e.g. --react ${reactExample}`);
    return value as T;
  };
  const amount = settings['pulse-amount'] === undefined ? fallback.pulseAmount : Number(settings['pulse-amount']);
  const { min, max } = limits.pulseAmount;
  if (!Number.isFinite(amount) || amount < min || amount > max) {
    throw invalidOption('react', raw, `pulse-amount= a number from ${min} to ${max}, e.g. --react ${reactExample}`);
  }
  return {
    speed: choice('speed', fallback.speed, speedDrives),
    pulse: choice('pulse', fallback.pulse, pulseDrives),
    pulseAmount: amount,
  };
}
