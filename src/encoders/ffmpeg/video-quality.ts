/**
 * How hard a video encoder works at a given CRF: `fast` encodes quickest, `small` makes the smallest
 * file for the same quality, `balanced` is between (each codec maps them to its own speed settings,
 * formats.ts). A recipe keeps the level, and each level's settings stay fixed once released, so a
 * recipe renders the same bytes again; a recipe without a level is rendered as zsweep did before
 * levels existed (each codec's `unlevelled` settings).
 */
export const videoQualities = ['fast', 'balanced', 'small'] as const;
export type VideoQuality = (typeof videoQualities)[number];
