import { mergeDrafts, type RecipeDraft } from '../recipe/recipe-draft.ts';
import { defaultBeta, defaults, topologyDefaults } from './defaults.ts';

/**
 * The command line (or a studio edit) over a recipe or preset, as `mergeDrafts`, with one more rule
 * that needs the defaults: a β the base only inherited (its topology's and activation's default) is
 * dropped when the activation or topology changes, so the new one gets its own default. Otherwise
 * `--from loop.gif --activation sin` would keep sigmoid's β 1024, and sin at that β is per-pixel noise.
 */
export function mergeOverRecipe(base: RecipeDraft, over: RecipeDraft, options?: { newSoundtrack?: boolean }): RecipeDraft {
  const merged = mergeDrafts(base, over, options);
  const changed =
    (over.activation !== undefined && over.activation !== base.activation) || (over.arch !== undefined && over.arch !== base.arch);
  if (!changed || over.beta !== undefined || base.beta === undefined) return merged;
  const arch = base.arch ?? defaults.arch;
  const inherited = base.beta === defaultBeta(arch, base.activation ?? topologyDefaults[arch].activation);
  if (!inherited) return merged;
  const { beta: _, ...rest } = merged;
  return rest;
}
