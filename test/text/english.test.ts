import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnglishIndex, type CedictRow, EnglishBridge, glossKey, isEnglishStopword, leadsFunctionPhrase } from '../../src/text/english.ts';
import { Lexicon, LexiconFileError } from '../../src/text/lexicon.ts';

const lexicon = Lexicon.load();
const curatedOnly = new EnglishBridge({ lexicon });
const termsOf = (bridge: EnglishBridge, q: string) => bridge.terms(q).map((e) => e.term);

const ROWS: CedictRow[] = [
  ['拒絕', '拒绝', 'ju4 jue2', 'to refuse; to decline; to reject'],
  ['廢料', '废料', 'fei4 liao4', ['waste material', 'refuse']],
  ['房東', '房东', 'fang2 dong1', 'landlord'],
  ['地主', '地主', 'di4 zhu3', ['landlord', 'host']],
  ['租', '租', 'zu1', ['to hire', 'to rent']],
  ['結婚', '结婚', 'jie2 hun1', ['to marry', 'to get married']],
  ['纔', '才', 'cai2', 'variant of 才[cai2]'],
  ['法定年齡', '法定年龄', 'fa3 ding4 nian2 ling2', 'legal age'],
];

describe('English questions with no Chinese in them', () => {
  it('yield the Chinese document words of their topic from the curated entries', () => {
    expect(termsOf(curatedOnly, 'What is the legal age to marry?')).toContain('结婚年龄');
    expect(termsOf(curatedOnly, 'Can my landlord raise the rent?')).toEqual(expect.arrayContaining(['出租人', '租金']));
    expect(termsOf(curatedOnly, 'Who inherits if there is no will?')).toEqual(expect.arrayContaining(['继承', '遗嘱']));
    expect(termsOf(curatedOnly, 'What was the CPI target in 2015?')).toEqual(expect.arrayContaining(['居民消费价格', '预期目标']));
    expect(termsOf(curatedOnly, "My neighbour's dog bit my son")).toEqual(expect.arrayContaining(['饲养的动物', '相邻关系', '子女']));
    // Limits are asked about in words the documents say otherwise ("不得早于", "不得超过").
    expect(termsOf(curatedOnly, 'What is the minimum age to get married?')).toEqual(expect.arrayContaining(['不得早于', '结婚']));
    expect(termsOf(curatedOnly, 'How much was the budget deficit ratio set at in 2025?')).toContain('赤字率');
  });

  it('prefers the longest phrase and reads "will" as a testament only after a determiner', () => {
    expect(termsOf(curatedOnly, 'Is a handwritten will valid?')).toContain('自书遗嘱');
    expect(termsOf(curatedOnly, 'Is a handwritten will valid?')).not.toContain('遗嘱');
    expect(termsOf(curatedOnly, 'Who will pay for the damage?')).not.toContain('遗嘱');
  });

  it('returns nothing for a question made of function words only, and weights below a written word', () => {
    expect(curatedOnly.terms('What is it and how can I do that?')).toEqual([]);
    // Words of the telling (someone, never, back) carry no topic of their own.
    expect(curatedOnly.terms('Has someone ever paid anything back?').map((e) => e.from)).not.toEqual(expect.arrayContaining(['someone']));
    expect(isEnglishStopword('someone') && isEnglishStopword('never') && isEnglishStopword('back')).toBe(true);
    for (const e of curatedOnly.terms('divorce custody pension')) expect(e.weight).toBeLessThan(1);
  });

  it('passes everyday words through the lexicon to the words the documents use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'english-'));
    const file = join(dir, 'english.tsv');
    writeFileSync(file, '# test\ntenant\t房客\n');
    const bridge = new EnglishBridge({ lexicon, curatedFile: file });
    expect(bridge.terms('Can a tenant sublet?')).toContainEqual({ term: '承租人', weight: 0.54, from: 'tenant' });
  });
});

describe('reversed CC-CEDICT index', () => {
  it('keys glosses without "to", splits senses on ";", ranks first meanings first and skips variants', () => {
    const index = buildEnglishIndex(ROWS);
    expect(index.get('refuse')).toEqual(['拒绝', '废料']);
    expect(index.get('decline')).toEqual(['拒绝']);
    expect(index.get('landlord')).toEqual(['房东', '地主']);
    expect(index.get('marry')).toEqual(['结婚']);
    expect(index.get('rent')).toBeUndefined(); // one-character headwords are too ambiguous to search with
    expect([...index.values()].flat()).not.toContain('才');
    expect(glossKey('variant of 才[cai2]')).toBeUndefined();
    expect(glossKey('to get married')).toBe('get married');
  });

  it('keeps only headwords of the corpus vocabulary when a filter is given', () => {
    const index = buildEnglishIndex(ROWS, (w) => new Set(['结婚', '拒绝']).has(w));
    expect(index.get('landlord')).toBeUndefined();
    expect(index.get('refuse')).toEqual(['拒绝']);
  });

  it('is used after the curated entries, and survives a save and load', () => {
    const bridge = new EnglishBridge({ index: buildEnglishIndex(ROWS) });
    expect(termsOf(bridge, 'Can the seller decline?')).toContain('拒绝');
    expect(termsOf(bridge, 'my landlord')).toEqual(['出租人']); // curated replaces CEDICT's 房东/地主
    const again = EnglishBridge.fromJSON(JSON.parse(JSON.stringify(bridge.toJSON())));
    expect(again.terms('Can the seller decline?')).toEqual(bridge.terms('Can the seller decline?'));
    expect(() => EnglishBridge.fromJSON({ index: [] })).toThrow(/not an English index/);
  });

  it('lets a curated entry for any form of a word beat the dictionary, and skips dictionary idioms led by a pronoun', () => {
    const rows: CedictRow[] = [
      ['付訖', '付讫', 'fu4 qi4', 'paid'],
      ['內人', '内人', 'nei4 ren2', 'my wife'],
      ['一會子', '会子', 'hui4 zi5', 'while'],
      ['以降', '以降', 'yi3 jiang4', 'since'],
    ];
    const bridge = new EnglishBridge({ index: buildEnglishIndex(rows) });
    // "paid": the curated "pay" (支付), not the dictionary's "paid" (付讫, settled in a ledger).
    expect(termsOf(bridge, 'Who paid?')).toContain('支付');
    expect(termsOf(bridge, 'Who paid?')).not.toContain('付讫');
    // "my wife": the curated "wife" (配偶), not the dictionary's form of address 内人.
    expect(termsOf(bridge, 'my wife left')).toContain('配偶');
    expect(termsOf(bridge, 'my wife left')).not.toContain('内人');
    // Joining words of a story carry no topic: no 会子, 以降.
    expect(bridge.terms('while since because')).toEqual([]);
    expect(isEnglishStopword('while') && isEnglishStopword("can't")).toBe(true);
  });

  it('reads a curated phrase in other forms of its first and last words, and doubled consonants', () => {
    expect(termsOf(curatedOnly, 'I looked after my father for years')).toContain('赡养'); // look after
    expect(termsOf(curatedOnly, 'The car drove off')).toContain('逃逸'); // drive off
    expect(termsOf(curatedOnly, 'My husband gave away the house')).toContain('无偿转让财产'); // give away
    expect(termsOf(curatedOnly, 'The dog was biting')).toContain('饲养的动物'); // bite
    expect(termsOf(curatedOnly, 'she was hitting')).toContain('交通事故'); // hit
    expect(leadsFunctionPhrase('at', 'at most')).toBe(true);
    expect(leadsFunctionPhrase('pay', 'pay back')).toBe(false); // "pay" is a topic word of its own
  });

  it('builds from the CC-CEDICT data shipped in the cc-cedict package, offline', async () => {
    const bridge = await EnglishBridge.fromCedict(new Set(['破产', '结婚']));
    expect(termsOf(bridge, 'What happens in bankruptcy?')).toContain('破产');
    expect(bridge.indexSize).toBeLessThan(50);
  }, 120_000);
});

describe('english.tsv', () => {
  it('names the file and line of a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'english-'));
    const file = join(dir, 'english.tsv');
    writeFileSync(file, '# ok\nLandlord\t出租人\n');
    expect(() => new EnglishBridge({ curatedFile: file })).toThrow(LexiconFileError);
    expect(() => new EnglishBridge({ curatedFile: file })).toThrow(`${file}:2: english "Landlord" must be lower-case`);
  });
});
