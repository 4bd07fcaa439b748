/**
 * Text from a file or a stranger (a seed, a name) made safe to print on a terminal: control characters
 * (C0, DEL, C1), which could move the cursor, retitle the window or send escape sequences, and the
 * bidirectional overrides, which could reorder what is shown, are printed as escapes instead.
 */
export function terminalText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
