// The dependency rule of README "Architecture", enforced on the real import graph of src/, and the checker
// itself tested on small graphs so it would catch a cycle or an upward import.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, type ImportGraph, importsOf, layerOf, readImportGraph, ruleViolations } from './helpers/import-graph.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the import graph of src/', () => {
  const graph = readImportGraph(ROOT);

  it('is read from every module', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get('src/app/ask.ts')).toContain('src/retrieve/types.ts');
    // Dynamic imports count: the CLI loads its commands lazily.
    expect(graph.get('src/cli/main.ts')).toContain('src/cli/eval.ts');
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('imports only downwards along the layer order, and never test/', () => {
    expect(ruleViolations(graph)).toEqual([]);
  });
});

describe('the rule checker', () => {
  const g = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('reads static, re-export, type-only and dynamic imports, and skips packages', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "export { c } from './c.ts';",
      "export * from './d.ts';",
      "import './side-effect.ts';",
      "const e = await import('./e.ts');",
      "import { z } from 'zod';",
      "import { join } from 'node:path';",
      'import {\n  f,\n  type G,\n} from "./f.ts";',
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.ts', '../b/b.ts', './c.ts', './d.ts', './side-effect.ts', './e.ts', './f.ts']);
  });

  it('places files in layers by their first folder', () => {
    expect(layerOf('src/config.ts')).toBe('root');
    expect(layerOf('src/index/embeddings/hash.ts')).toBe('index');
  });

  it('finds a cycle, also a long one', () => {
    expect(cycles(g({ 'src/a.ts': ['src/b.ts'], 'src/b.ts': ['src/a.ts'] }))).toEqual([['src/a.ts', 'src/b.ts', 'src/a.ts']]);
    const long = g({ 'src/x/1.ts': ['src/x/2.ts'], 'src/x/2.ts': ['src/x/3.ts'], 'src/x/3.ts': ['src/x/1.ts'], 'src/x/4.ts': ['src/x/1.ts'] });
    expect(cycles(long)).toHaveLength(1);
    expect(cycles(g({ 'src/a.ts': ['src/b.ts'], 'src/b.ts': [], 'src/c.ts': ['src/a.ts', 'src/b.ts'] }))).toEqual([]);
  });

  it('flags an upward import and accepts a downward one', () => {
    expect(ruleViolations(g({ 'src/text/normalize.ts': ['src/corpus/load.ts'] }))).toEqual([
      'src/text/normalize.ts -> src/corpus/load.ts: text/ is below corpus/',
    ]);
    expect(ruleViolations(g({ 'src/answer/llm.ts': ['src/retrieve/types.ts', 'src/llm/chat.ts', 'src/errors.ts'] }))).toEqual([]);
    expect(ruleViolations(g({ 'src/retrieve/rewrite.ts': ['src/answer/verify.ts'] }))).toHaveLength(1);
    expect(ruleViolations(g({ 'src/config.ts': ['src/log.ts'], 'src/log.ts': ['src/text/normalize.ts'] }))).toEqual([
      'src/log.ts -> src/text/normalize.ts: root/ is below text/',
    ]);
  });

  it('flags an import of test/ from src/', () => {
    expect(ruleViolations(g({ 'src/cli/testchat.ts': ['test/fakes/telegram-api.ts'] }))).toEqual([
      'src/cli/testchat.ts -> test/fakes/telegram-api.ts: src/ imports outside src/',
    ]);
  });

  it('lets only the CLI import the measurements and the dev servers, and entry points not each other', () => {
    expect(ruleViolations(g({ 'src/cli/eval.ts': ['src/measure/eval/run.ts'], 'src/cli/testchat.ts': ['src/dev/telegram-api.ts'] }))).toEqual([]);
    expect(ruleViolations(g({ 'src/app/app.ts': ['src/measure/eval/run.ts'] }))).toHaveLength(1);
    expect(ruleViolations(g({ 'src/telegram/bot.ts': ['src/dev/telegram-api.ts'] }))).toHaveLength(1);
    expect(ruleViolations(g({ 'src/telegram/bot.ts': ['src/cli/args.ts'] }))).toHaveLength(1);
  });

  it('keeps the guards and the stores behind app/ and telegram/', () => {
    expect(ruleViolations(g({ 'src/app/ask.ts': ['src/guard/personal.ts'], 'src/telegram/bot.ts': ['src/state/types.ts'] }))).toEqual([]);
    expect(ruleViolations(g({ 'src/cli/start.ts': ['src/state/sqlite.ts'] }))).toHaveLength(1);
  });

  it('names a folder that is in no layer instead of passing it', () => {
    expect(() => ruleViolations(g({ 'src/app/a.ts': ['src/utils/x.ts'] }))).toThrow(/utils/);
  });
});
