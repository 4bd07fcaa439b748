/** Per frame: where z is along its path, and how far it is pushed outwards. */
export interface AudioMotion {
  /** Distance travelled by each frame, in turns of the path: 0 at frame 0, exactly `turns` at the last. */
  readonly position: Float64Array;
  /** Pulse strength per frame, from 0 (none) to 1 (the track's strongest onsets). */
  readonly pulse: Float64Array;
}
