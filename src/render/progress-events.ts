import type { RenderEvent } from './render-request.ts';

type Progress = Extract<RenderEvent, { type: 'progress' }>;

/** Reports `done` of `total` units of a phase as events, with the rate since the phase started; starts at 0. */
export function progressEvents(
  onEvent: ((event: RenderEvent) => void) | undefined,
  phase: Progress['phase'],
  unit: Progress['unit'],
  total: number,
): (done: number) => void {
  if (!onEvent) return () => {};
  const started = performance.now();
  const report = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    onEvent({ type: 'progress', phase, unit, done, total, perSecond: seconds > 0 ? done / seconds : 0 });
  };
  report(0);
  return report;
}
