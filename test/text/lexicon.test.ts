import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lexicon, LexiconFileError, parseEveryday, parseTypos } from '../../src/text/lexicon.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';

const lexicon = Lexicon.load();
const terms = (tokens: string[]) => lexicon.expand(tokens).map((e) => e.term);

describe('shipped lexicon', () => {
  it('maps the everyday words of citizens to the words of the documents', () => {
    expect(terms(['房东'])).toContain('出租人');
    expect(terms(['领证'])).toContain('结婚登记');
    expect(terms(['个税'])).toContain('个人所得税');
    expect(terms(['照片'])).toContain('肖像');
    expect(terms(['狗', '咬'])).toContain('饲养的动物');
    expect(terms(['打官司'])).toEqual(expect.arrayContaining(['诉讼', '起诉']));
  });

  it('expands an everyday question through the phrases found in its text', () => {
    const text = '离婚以后孩子跟谁过';
    const found = lexicon.phrasesIn(text);
    expect(found).toEqual(['离婚以后', '孩子跟谁过']);
    expect(terms(found)).toEqual(expect.arrayContaining(['离婚后', '直接抚养']));
  });

  it('gives each expansion a weight below a written word and names where it came from', () => {
    const [first] = lexicon.expand(['房东']);
    expect(first).toEqual({ term: '出租人', weight: 0.6, from: '房东' });
    for (const e of lexicon.expand(['老公', '男人', '工资'])) expect(e.weight).toBeLessThan(1);
    expect(lexicon.expand(['男人']).every((e) => e.weight < 0.6)).toBe(true);
  });

  it('does not expand unknown words, and does not repeat words the question already has', () => {
    expect(lexicon.expand(['民法典', '苹果', '第一千零七十九条'])).toEqual([]);
    expect(terms(['工资'])).toEqual(['劳动报酬']);
  });

  it('matches Latin keys only as whole words', () => {
    expect(lexicon.phrasesIn('2024年gdp增长多少')).toEqual(['gdp增长']);
    expect(lexicon.phrasesIn('he said 18岁')).toEqual(['18岁']);
    expect(lexicon.phrasesIn('118岁')).not.toContain('18岁');
  });

  it('matches a gapped key (A+B) when its halves come in order, close together, in one clause', () => {
    const gapped = new Lexicon({ everyday: parseEveryday('结婚前+买\t婚前财产|个人财产\n', 'test.tsv'), typos: new Map(), terms: [] });
    expect(gapped.phrasesIn('我和老公结婚前他自己全款买了套房')).toEqual(['结婚前+买']);
    expect(gapped.expand(gapped.phrasesIn('结婚前他买的房')).map((e) => e.term)).toEqual(['婚前财产', '个人财产']);
    // Too far apart, in another clause, or the other way round: two separate things.
    expect(gapped.phrasesIn('结婚前我们认识了三年多一直租房子后来买了')).toEqual([]);
    expect(gapped.phrasesIn('结婚前就认识，去年买了车')).toEqual([]);
    expect(gapped.phrasesIn('买了房以后才结婚前')).toEqual([]);
  });

  it('keeps every word that reaches a document word: the first as its source, the others in also', () => {
    const kin = new Lexicon({ everyday: parseEveryday('弟\t兄弟姐妹\t0.4\n哥\t兄弟姐妹|亲属\t0.5\n', 'test.tsv'), typos: new Map(), terms: [] });
    expect(kin.expand(['弟', '哥'])).toEqual([
      { term: '兄弟姐妹', weight: 0.5, from: '弟', also: ['哥'] },
      { term: '亲属', weight: 0.5, from: '哥' },
    ]);
  });

  it('matches a pair key (A&B) when both halves are anywhere in the question, in either order', () => {
    const pair = new Lexicon({ everyday: parseEveryday('怀孕&离婚\t怀孕期间|男方不得提出离婚\n', 'test.tsv'), typos: new Map(), terms: [] });
    expect(pair.phrasesIn('我老婆怀孕五个月了，我们天天吵架，实在过不下去了，我想离婚')).toEqual(['怀孕&离婚']);
    expect(pair.phrasesIn('离婚的时候她已经怀孕了')).toEqual(['怀孕&离婚']);
    expect(pair.phrasesIn('我老婆怀孕五个月了，能请几天假')).toEqual([]);
  });

  it('fixes only listed typos and leaves correct words that contain them alone', () => {
    expect(lexicon.fixTypos('子女不善养父母怎么办')).toBe('子女不赡养父母怎么办');
    expect(lexicon.fixTypos('完善养老保险制度')).toBe('完善养老保险制度');
    expect(lexicon.fixTypos('扶养费和抚养费有什么区别')).toBe('扶养费和抚养费有什么区别');
    expect(lexicon.fixTypos('遗瞩要公正处办吗')).toBe('遗嘱要公证处办吗');
    expect(lexicon.fixTypos('俺家宅级地能卖吗，嫁装算谁的')).toBe('俺家宅基地能卖吗，嫁妆算谁的');
  });

  it('gives jieba the terms that make run-on everyday phrases split into useful words', () => {
    expect(lexicon.userTerms()).toEqual(expect.arrayContaining(['育儿补贴', '城镇新增就业']));
    // Everyday words and phrases stay out: at user-dictionary frequency they split the words around them.
    expect(lexicon.userTerms()).not.toContain('寄存');
    expect(lexicon.userTerms()).not.toContain('人走了');
    const plain = new Tokenizer();
    const tuned = new Tokenizer(lexicon.userTerms());
    expect(plain.tokens('发育儿补贴吗')).not.toContain('育儿补贴');
    expect(tuned.tokens('发育儿补贴吗')).toContain('育儿补贴');
    expect(tuned.tokens('今年赤字率是多少')).toContain('赤字率');
    expect(tuned.tokens('俺男人走了，房子能分不')).toContain('男人');
  });
});

describe('lexicon files', () => {
  const file = 'ops.tsv';

  it('reads comments, weights and several targets', () => {
    const map = parseEveryday('# header\n\n娃\t子女|孩子\n俺\t我\t0.3\n', file);
    expect(map.get('娃')).toEqual({ targets: ['子女', '孩子'], weight: 0.6, source: 'ops.tsv:3' });
    expect(map.get('俺')?.weight).toBe(0.3);
  });

  it('names the file and line of a bad line and says what to fix', () => {
    const bad = (text: string) => () => parseEveryday(text, file);
    expect(bad('# ok\n房东 出租人\n')).toThrow(LexiconFileError);
    expect(bad('# ok\n房东 出租人\n')).toThrow(/^ops\.tsv:2: .*2 or 3 TAB-separated fields/);
    expect(bad('房东\t出租人\t1.5\n')).toThrow(/ops\.tsv:1: weight "1.5"/);
    expect(bad('房东\t出租人||租金\n')).toThrow(/ops\.tsv:1: empty target/);
    expect(bad('ＧＤＰ\t国内生产总值\n')).toThrow(/not in matching form.*"gdp"/);
    expect(bad('房东\t出租人\n房东\t租赁\n')).toThrow(/ops\.tsv:2: "房东" is already listed at ops\.tsv:1/);
    expect(() => parseTypos('善养\t赡养\t养\n', 'typos.tsv')).toThrow(/typos\.tsv:1: expected 2/);
  });

  it('adds an operator file whose lines replace shipped ones, and reports its bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    const ops = join(dir, 'local.tsv');
    writeFileSync(ops, '# 洋县 local words\n房东\t出租人|租赁\t0.8\n扫黑\t扫黑除恶\n');
    const local = Lexicon.load({ extraFile: ops });
    expect(local.size).toBe(lexicon.size);
    expect(local.expand(['房东'])).toEqual([
      { term: '出租人', weight: 0.8, from: '房东' },
      { term: '租赁', weight: 0.8, from: '房东' },
    ]);
    writeFileSync(ops, '房东\n');
    expect(() => Lexicon.load({ extraFile: ops })).toThrow(`${ops}:1:`);
    expect(() => Lexicon.load({ extraFile: join(dir, 'missing.tsv') })).toThrow(/cannot read the file/);
  });
});
