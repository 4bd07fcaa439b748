/** The tEXt keyword of the recipe in every PNG zsweep writes. */
export const pngRecipeKeyword = 'zsweep-recipe';
/** The tEXt keyword of a frame's index in its sweep (from 0), so one frame of a sequence can be rendered again alone. */
export const pngFrameKeyword = 'zsweep-frame';
