// Reads the import graph of src/ (static imports, `export … from`, dynamic `import()`) and checks it against the
// dependency rule: no cycles, no import against the layer order, nothing under src/ importing test/. Pure apart
// from `readImportGraph`, so the rule itself is tested on small synthetic graphs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** File (relative to the repository, '/'-separated) -> the files it imports. */
export type ImportGraph = Map<string, string[]>;

/**
 * Lowest first: a module may import its own layer and the layers before it. `root` is the shared base
 * (config, errors, log, types). The last entry holds the entry points, which never import one another
 * except as `PEER_IMPORTS` allows.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['root'],
  ['text'],
  ['corpus'],
  ['index'],
  // The LLM client needs nothing but the base; retrieval (question rewriting) and answering both use it.
  ['llm'],
  ['retrieve'],
  ['answer'],
  ['guard'],
  ['state'],
  ['app'],
  ['telegram', 'cli', 'measure', 'dev'],
];

/** Imports between entry points that are allowed: the CLI runs the bot, the measurements and the dev servers. */
export const PEER_IMPORTS: readonly string[] = ['cli->telegram', 'cli->measure', 'cli->dev'];

/** Layers only some layers may import (besides themselves): personal-data guards and stores stay behind app/. */
export const RESTRICTED: Readonly<Record<string, readonly string[]>> = {
  guard: ['state', 'app', 'telegram'],
  state: ['app', 'telegram'],
  dev: ['cli'],
  measure: ['cli'],
};

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative specifiers of every import in `source` (packages and `node:` modules are not part of the graph). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** The graph of every .ts file under `dir`, with paths relative to `root`. */
export function readImportGraph(root: string, dir = 'src'): ImportGraph {
  const graph: ImportGraph = new Map();
  const walk = (d: string) => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const path = `${d}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) {
        const targets = importsOf(readFileSync(join(root, path), 'utf8')).map((spec) =>
          relative(root, resolve(root, dirname(path), spec))
            .split('\\')
            .join('/'),
        );
        graph.set(path, targets);
      }
    }
  };
  walk(dir);
  return graph;
}

/** The layer of a file under src/: its first folder, or `root` for a file directly in src/. */
export function layerOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : 'root';
}

function rank(layer: string): number {
  const i = LAYERS.findIndex((l) => l.includes(layer));
  if (i < 0) throw new Error(`src/${layer}/ is in no layer: add it to LAYERS in test/helpers/import-graph.ts`);
  return i;
}

/** Every import that breaks the rule, as "from -> to: why". */
export function ruleViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (!to.startsWith('src/')) {
        out.push(`${from} -> ${to}: src/ imports outside src/`);
        continue;
      }
      const a = layerOf(from);
      const b = layerOf(to);
      if (a === b) continue;
      if (RESTRICTED[b] && !RESTRICTED[b].includes(a)) out.push(`${from} -> ${to}: only ${RESTRICTED[b].join(', ')} may import ${b}/`);
      else if (rank(b) > rank(a)) out.push(`${from} -> ${to}: ${a}/ is below ${b}/`);
      else if (rank(b) === rank(a) && !PEER_IMPORTS.includes(`${a}->${b}`)) out.push(`${from} -> ${to}: entry points ${a}/ and ${b}/ do not import each other`);
    }
  }
  return out;
}

/** Every import cycle between files, each as the list of files around it (found once, from its first file). */
export function cycles(graph: ImportGraph): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}
