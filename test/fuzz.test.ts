import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ffmpegOnce } from '../src/encoders/ffmpeg/find-ffmpeg.ts';
import { readMp4Boxes } from '../src/encoders/ffmpeg/probe-media.ts';
import { UsageError } from '../src/errors.ts';
import { completePicture, recipeOf } from '../src/options/complete-picture.ts';
import { readStoredRecipe } from '../src/recipe/read-recipe.ts';
import { parseRecipe } from '../src/recipe/recipe-schema.ts';
import { startStudio } from '../src/studio/server/studio-server.ts';
import { rawRequest } from './helpers/raw-request.ts';
import { ffmpegPath, runCli, tempFolder } from './helpers.ts';

/**
 * Mutated real inputs (recipes, the headers of zsweep's PNG, GIF, MP4 and WebM files, the studio's
 * request bodies): each either works or is refused with one clear line (a UsageError, a 4xx), never a
 * crash, a 500, a hang or unbounded memory. The budget is ZSWEEP_FUZZ_SECONDS (20 s by default, split
 * between the targets; scripts/fuzz.sh runs it for 10 minutes); ZSWEEP_FUZZ_SEED replays a run.
 */
const budgetMs = Number(process.env.ZSWEEP_FUZZ_SECONDS ?? 20) * 1000;
const seed = process.env.ZSWEEP_FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.ZSWEEP_FUZZ_SEED);
const maxRssBytes = 1024 * 1024 * 1024;
const folder = tempFolder();
const ffmpeg = ffmpegOnce({ env: { FFMPEG_PATH: ffmpegPath } });

/** fast-check's settings for one target: its share of the budget, a case hung after 120 s, replayable. */
const settings = <T>(target: string, share: number): fc.Parameters<T> => ({
  seed,
  numRuns: Number.MAX_SAFE_INTEGER,
  interruptAfterTimeLimit: budgetMs * share,
  timeout: 120_000,
  markInterruptAsFailure: false,
  reporter: (details: fc.RunDetails<T>) => {
    if (!details.failed) return console.log(`  fuzz: ${target}: ${details.numRuns} cases`);
    throw new Error(
      `fuzz failure (${details.errorInstance}); replay: ZSWEEP_FUZZ_SEED=${seed} node --import tsx node_modules/uvu/bin.js test '^fuzz\\.test\\.ts$' (counterexample ${JSON.stringify(details.counterexample)?.slice(0, 300)})`,
    );
  },
});

/** One clear line: a UsageError without a newline. Anything else thrown is a crash. */
function assertClearRefusal(error: unknown, what: string): void {
  if (!(error instanceof UsageError)) throw new Error(`${what}: not a clear refusal: ${(error as Error)?.stack ?? String(error)}`);
  if (error.message.includes('\n')) throw new Error(`${what}: more than one line: ${error.message}`);
}

function assertMemoryBounded(): void {
  const rss = process.memoryUsage().rss;
  if (rss > maxRssBytes) throw new Error(`resident memory ${Math.round(rss / 2 ** 20)} MiB, over 1 GiB`);
}

/** A byte-level mutation of `bytes`: flipped bytes, a 32-bit length overwritten, a cut, an insertion. */
const mutatedBytes = (bytes: Buffer, region = bytes.length) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(region - 1), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({
          kind: fc.constant('length' as const),
          at: fc.nat(Math.max(0, region - 4)),
          value: fc.constantFrom(0, 1, 7, 8, 0x7fffffff, 0xfffffff0, 0xffffffff),
        }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat(bytes.length), value: fc.constant(0) }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(region), value: fc.integer({ min: 1, max: 64 }) }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) => {
      let out = Buffer.from(bytes);
      for (const edit of edits) {
        const at = Math.min(edit.at, out.length);
        if (edit.kind === 'flip' && at < out.length) out[at] = edit.value;
        else if (edit.kind === 'length' && at + 4 <= out.length) out.writeUInt32BE(edit.value, at);
        else if (edit.kind === 'cut') out = out.subarray(0, at);
        else if (edit.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.alloc(edit.value, 0x5b), out.subarray(at)]);
      }
      return out;
    });

const base = recipeOf(completePicture({ seed: 'fuzz' }), { width: 16, height: 16, fps: 10, frames: 2, aa: 1 });
const realRecipes = [
  { ...base, colour: 'palette', palette: ['#102030', '#f0a020', '#ffffff'] },
  {
    ...base,
    breed: [
      { kind: 'mutate', seed: 'a', strength: 0.3 },
      { kind: 'cross', mix: 0.5, partner: { seed: 'b', breed: [{ kind: 'mutate', seed: 'c', strength: 1 }] } },
    ],
  },
].map((recipe) => JSON.stringify(recipe));

/** A bred recipe whose step is a cross of a cross … `depth` deep. */
function nestedCrosses(depth: number): string {
  let breed: unknown = [{ kind: 'mutate', seed: 'a', strength: 0.3 }];
  for (let i = 0; i < depth; i++) breed = [{ kind: 'cross', mix: 0.5, partner: { seed: 'p', breed } }];
  return JSON.stringify({ ...base, breed });
}

test('recipes: mutated text and values are read or refused in one line', () => {
  const text = fc.oneof(
    fc.constantFrom(...realRecipes).chain((recipe) => mutatedBytes(Buffer.from(recipe)).map((bytes) => bytes.toString('utf8'))),
    fc
      .constantFrom(...realRecipes)
      .chain((recipe) =>
        fc
          .tuple(fc.constantFrom(...Object.keys(JSON.parse(recipe))), fc.jsonValue({ maxDepth: 6 }))
          .map(([key, value]) => JSON.stringify({ ...JSON.parse(recipe), [key]: value })),
      ),
    fc.nat(5000).map((depth) => `{"zsweep":"0","recipe":1,"seed":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    fc.nat(1000).map((depth) => nestedCrosses(depth)),
  );
  fc.assert(
    fc.property(text, (candidate) => {
      try {
        parseRecipe(candidate, 'fuzz.json');
      } catch (error) {
        assertClearRefusal(error, 'parseRecipe');
      }
      assertMemoryBounded();
    }),
    settings('recipes', 0.2),
  );
});

// Real files, as zsweep writes them: mutated in their headers (where the lengths and the recipe are).
const real: Record<string, Buffer> = {};
for (const ext of ['png', 'gif', 'mp4', 'webm']) {
  const out = join(folder, `real.${ext}`);
  const made = await runCli(['--seed', 'fuzz', '--size', '16x16', ...(ext === 'png' ? [] : ['--frames', '2']), '--out', out, '--quiet']);
  if (made.code !== 0) throw new Error(`could not make the ${ext} to fuzz: ${made.stderr}`);
  real[ext] = readFileSync(out);
}

test("zsweep's PNG, GIF, MP4 and WebM with mutated headers: the recipe is read, or refused in one line", async () => {
  let n = 0;
  const file = fc
    .constantFrom(...Object.keys(real))
    .chain((ext) => mutatedBytes(real[ext], Math.min(real[ext].length, 4096)).map((bytes) => ({ ext, bytes })));
  await fc.assert(
    fc.asyncProperty(file, async ({ ext, bytes }) => {
      const path = join(folder, `case-${n++ % 8}.${ext}`);
      writeFileSync(path, bytes);
      await readStoredRecipe(path, { ffmpeg }).catch((error: unknown) => assertClearRefusal(error, `reading a mutated .${ext}`));
      if (ext === 'mp4') await readMp4Boxes(path);
      assertMemoryBounded();
    }),
    settings('files', 0.4),
  );
});

test("the studio's request bodies: mutated jobs and dropped files get a 2xx or a 4xx, never a 500", async () => {
  const studio = await startStudio({ host: '127.0.0.1', port: 0, outFolder: tempFolder(), env: { FFMPEG_PATH: ffmpegPath } });
  const call = (path: string, options: Parameters<typeof rawRequest>[2]) =>
    rawRequest(studio.port, `${path}?token=${studio.token}`, options);
  const job = fc.oneof(
    fc
      .constantFrom(...realRecipes)
      .chain((recipe) =>
        mutatedBytes(Buffer.from(`{"recipe":${recipe},"format":"gif"}`)).map((body) => ({ path: '/api/jobs', body, name: '' })),
      ),
    fc.jsonValue({ maxDepth: 8 }).map((value) => ({ path: '/api/jobs', body: Buffer.from(JSON.stringify(value) ?? ''), name: '' })),
    fc.nat(40_000).map((depth) => ({
      path: '/api/jobs',
      body: Buffer.from(`{"recipe":${'['.repeat(depth)}${']'.repeat(depth)},"format":"gif"}`),
      name: '',
    })),
    fc.tuple(fc.constantFrom(...Object.keys(real)), fc.string({ maxLength: 40 })).chain(([ext, name]) =>
      mutatedBytes(real[ext], Math.min(real[ext].length, 4096)).map((body) => ({
        path: '/api/open',
        body,
        name: encodeURIComponent(`${name}.${ext}`),
      })),
    ),
  );
  try {
    await fc.assert(
      fc.asyncProperty(job, async ({ path, body, name }) => {
        const reply = await call(path, { method: 'POST', body, headers: name ? { 'X-Zsweep-File-Name': name } : {} });
        if (reply.status >= 500 || reply.status < 200) throw new Error(`${path}: ${reply.status} ${reply.body.toString().slice(0, 300)}`);
        if (reply.status === 202) await call(`/api/jobs/${JSON.parse(reply.body.toString()).id}/cancel`, { method: 'POST' });
        if (reply.status >= 400) assert.not.match(JSON.parse(reply.body.toString()).error, /\n/);
        assertMemoryBounded();
      }),
      settings('studio requests', 0.4),
    );
  } finally {
    await studio.close();
  }
});

test('peak resident memory stayed below 1 GiB', () => {
  const peak = process.resourceUsage().maxRSS * 1024;
  assert.ok(peak < maxRssBytes, `peak ${Math.round(peak / 2 ** 20)} MiB`);
  console.log(`  fuzz: seed ${seed}, ${budgetMs / 1000} s, peak resident memory ${Math.round(peak / 2 ** 20)} MiB`);
});

test.run();
