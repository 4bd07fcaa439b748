import type { ColourSpec } from '../../cppn/colour.ts';
import type { BreedStep } from '../../cppn/network/breed-network.ts';
import type { NetworkSpec } from '../../cppn/network/network.ts';
import type { Recipe } from '../../recipe/recipe.ts';
import type { LookRequest } from '../../render/measure-look.ts';

/** What a preview worker needs to build a design's network and pixel grid. */
export interface WorkerDesign {
  readonly network: NetworkSpec;
  readonly seed: string;
  readonly breed?: readonly BreedStep[];
  readonly scale: number;
  readonly width: number;
  readonly height: number;
}

export type WorkerRequest =
  | {
      readonly type: 'kernel';
      readonly module: WebAssembly.Module;
      /** The plain SIMD kernel, which measures a look with the command line's numbers (render/measure-look.ts). */
      readonly plain: WebAssembly.Module;
    }
  | {
      readonly type: 'measure';
      readonly id: number;
      readonly recipe: Recipe;
      readonly look: LookRequest;
      /** How closely: `measurePrecision.fine` for a design to render, `coarse` for a grid's thumbnail (as `zsweep grid` measures its cells). */
      readonly precision: { readonly side: number; readonly pairs: number };
    }
  | {
      readonly type: 'rows';
      readonly id: number;
      /** Names the design and size, so a worker builds each network once. */
      readonly key: string;
      readonly design: WorkerDesign;
      readonly latent: Float64Array;
      readonly rowStart: number;
      readonly rowEnd: number;
      readonly colour: ColourSpec;
    };

export type WorkerReply =
  | { readonly id: number; readonly rgba: Uint8ClampedArray }
  | { readonly id: number; readonly recipe: Recipe }
  | { readonly id: number; readonly error: string };
