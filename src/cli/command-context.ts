/** What every command's handler gets besides its arguments. */
export interface CommandContext {
  /** Given by the first Ctrl-C or SIGTERM: the render stops and removes its partial file. */
  readonly signal: AbortSignal;
  readonly env: Readonly<Record<string, string | undefined>>;
}
