import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexiconFileError } from '../../src/text/lexicon.ts';
import { parseSituations, Situations, shippedSituations } from '../../src/text/situations.ts';

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'wz-situations-')), 'situations.tsv');
  writeFileSync(file, text);
  return file;
};

describe('situation words for law articles', () => {
  const situations = Situations.load(write('# comment\n第675条\t借钱 欠条 没说什么时候还\n第1063条\t婚前买的房 婚前房\n'));

  it('finds an article by the last article label of its section, in Chinese numerals', () => {
    expect(situations.wordsFor('中华人民共和国民法典 合同编', '第十二章  借款合同 第六百七十五条')).toBe('借钱 欠条 没说什么时候还');
    expect(situations.wordsFor('民法典 婚姻家庭编', '第一千零六十三条')).toBe('婚前买的房 婚前房');
  });

  it('adds nothing to other documents, to chunks without an article, or to articles without an entry', () => {
    expect(situations.wordsFor('2019年政府工作报告', '第六百七十五条')).toBe('');
    expect(situations.wordsFor('民法典 合同编', '第十二章  借款合同')).toBe('');
    expect(situations.wordsFor('民法典 合同编', undefined)).toBe('');
    expect(situations.wordsFor('民法典 合同编', '第六百七十六条')).toBe('');
  });

  it('changes its fingerprint when an entry changes, so that a refresh rebuilds instead of patching', () => {
    const other = Situations.load(write('第675条\t借钱 欠条\n'));
    expect(other.fingerprint).not.toBe(situations.fingerprint);
    expect(Situations.load(write('第675条\t借钱 欠条\n')).fingerprint).toBe(other.fingerprint);
  });

  it('is off when the file is absent', () => {
    const none = Situations.load(join(tmpdir(), 'no-such-dir-wz', 'situations.tsv'));
    expect(none.size).toBe(0);
    expect(none.wordsFor('民法典', '第六百七十五条')).toBe('');
  });

  it('names the file and line of a bad entry and says how to write it', () => {
    expect(() => parseSituations('第六百七十五条\t借钱\n', 'f.tsv')).toThrow(/f\.tsv:1: .*第1063条/);
    expect(() => parseSituations('第675条\n', 'f.tsv')).toThrow(LexiconFileError);
    expect(() => parseSituations('第675条\t借钱\n第675条\t欠条\n', 'f.tsv')).toThrow(/f\.tsv:2: .*twice/);
  });

  it('folds width and case as the index does', () => {
    expect(parseSituations('第1065条\tAA制 ＡＢ\n', 'f.tsv').get(1065)).toBe('aa制 ab');
  });

  it('ships a file whose entries all parse', () => {
    expect(shippedSituations().size).toBeGreaterThanOrEqual(0);
  });
});
