/** The page's names for the command line's options, where its messages name one. */
const controlNames: Record<string, string> = {
  seed: 'Seed',
  palette: 'Palette',
  speed: 'Speed',
  levels: 'Levels',
  radius: 'Radius',
  latent: 'Latent',
  fps: 'FPS',
  frames: 'Length',
  duration: 'Length',
  size: 'Size',
  scale: 'Scale',
  beta: 'β',
  hidden: 'Width',
  layers: 'Layers',
  arch: 'Topology',
  colour: 'Colour',
  loop: 'Loop',
  inputs: 'Inputs',
  activation: 'Activation',
};

/**
 * A message of the command line's (the page shares its checks) in the page's own words: the control's
 * name instead of its --option, no command-line examples, and a dropped file called a file.
 */
export function inPageWords(message: string): string {
  const invalid = /^Invalid --([\w-]+) ("(?:[^"\\]|\\.)*")(?: with [^:]*)?: expected (.*)$/s.exec(message);
  let text = message;
  if (invalid) {
    const [, option, quoted, expected] = invalid;
    const value = JSON.parse(quoted) as string;
    text =
      option === 'from'
        ? `${value} cannot be opened: it should be ${expected}`
        : `${controlNames[option] ?? option} ${JSON.stringify(value)} cannot be used: it should be ${expected}`;
  }
  return text
    .replace(/[,;]? (?:e\.g\.|for example) --.*$/s, '')
    .replace(/\(?\s*as --[a-z-]+\)?/g, '')
    .replace(/--([a-z][a-z-]*)(?: [^\s,;)]+)?/g, (_, name: string) => controlNames[name] ?? name)
    .trim();
}
