import { readdirSync, readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { ConverterBuilder, type DictLike } from 'opencc-js/core';
import { describe, expect, it } from 'vitest';
import { cnToTw, converterFor, twToCn } from '../../../src/text/script/convert.ts';
import { ScriptTableError } from '../../../src/text/script/table.ts';

// opencc-js's Converter is the oracle: the converters must give its output exactly. scripts/script-parity.ts does
// the same over all of the shared corpora and 5,000 synthetic strings.
const CORPUS = new URL('../../../corpus/', import.meta.url);
const SAMPLE = readdirSync(CORPUS)
  .filter((f) => /\.(md|txt)$/.test(f))
  .sort()
  .map((f) => readFileSync(new URL(f, CORPUS), 'utf8'));

const TEXTS = [
  '七大行動指的是什麼？',
  '积极探索自治、法治、德治',
  '头发发展了，干净的干部在干活', // one Simplified character, several Traditional ones
  '𠀀𡃁𠮷 abc ABC 123，。！', // outside the BMP, Latin, punctuation
  '\ud840孤立\udc00代理', // lone surrogates
  '⿰木木 ⿱⿰木木火 ⿰發', // ideographic description sequences pass through whole, unconverted
  '\uf900\uf901 豈更', // CJK compatibility ideographs are normalized first
  '',
];

describe('converters against opencc-js', () => {
  const oracle = { t2s: OpenCC.Converter({ from: 'tw', to: 'cn' }), s2t: OpenCC.Converter({ from: 'cn', to: 'tw' }) };
  const ours = { t2s: twToCn(), s2t: cnToTw() };

  it.each(TEXTS)('%j both ways and back', (s) => {
    expect(ours.t2s(s)).toBe(oracle.t2s(s));
    expect(ours.s2t(s)).toBe(oracle.s2t(s));
    expect(ours.t2s(ours.s2t(s))).toBe(oracle.t2s(oracle.s2t(s)));
  });

  it('converts the sample corpus as opencc-js does, both ways and back', () => {
    expect(SAMPLE.length).toBeGreaterThanOrEqual(4);
    for (const doc of SAMPLE) {
      const trad = oracle.s2t(doc);
      expect(ours.s2t(doc)).toBe(trad);
      expect(ours.t2s(doc)).toBe(oracle.t2s(doc));
      expect(ours.t2s(trad)).toBe(oracle.t2s(trad));
    }
  });
});

describe('converterFor', () => {
  // A made-up preset, to reach what OpenCC's data does not: opencc-js names the 'cn' -> 'tw' config s2tw.
  const check = (config: { normalizationChain?: DictLike[][]; segmentation?: DictLike | DictLike[]; conversionChain: DictLike[][] }, texts: string[]) => {
    const oracle = ConverterBuilder({ from: { cn: [] }, to: { tw: [] }, configs: { s2tw: config as never } })({ from: 'cn', to: 'tw' });
    const ours = converterFor('s2tw', config);
    for (const s of texts) expect(ours(s), s).toBe(oracle(s));
  };

  it('converts each segment on its own: a key across a segment boundary does not match', () => {
    const config = { segmentation: ['ab x'], conversionChain: [['bc Y|a A|b B|c C']] };
    check(config, ['abc', 'bc', 'xabcbc']);
    expect(converterFor('s2tw', config)('abc')).toBe('ABC'); // not 'AY'
  });

  it('runs the groups of the chain in order, each over the previous output', () => {
    check({ segmentation: ['ab x'], conversionChain: [['a b'], ['b c|bb D']] }, ['ab', 'aab', 'ba']);
  });

  it('normalizes before segmenting, with a single dictionary or pairs as segmentation', () => {
    check({ normalizationChain: [['q a']], segmentation: 'ab x', conversionChain: [['ab Z|b B']] }, ['qb', 'qab']);
    check({ segmentation: [['ab', 'x']], conversionChain: [['b B']] }, ['abab', 'ba']);
    check({ conversionChain: [['b B']] }, ['abab']);
  });

  it('passes an ideographic description sequence through unconverted when no key starts it', () => {
    check({ segmentation: ['木木 x'], conversionChain: [['木 A|⿰ I|⿰木 J']] }, ['⿰木木木', '⿱⿰木木火木', '⿰', '⿰木', '⿲木木']);
  });

  it('names the missing config and the version it expects', () => {
    expect(() => converterFor('x2y', undefined)).toThrow(ScriptTableError);
    expect(() => converterFor('x2y', undefined)).toThrow(/x2y.*opencc-js at 1\.4/);
  });
});
