import { describe, expect, it } from 'vitest';
import { detectLang, detectScript, foldWidth, matchForm, stripPinyin, toSimplified, toTraditional } from '../../src/text/normalize.ts';

describe('stripPinyin', () => {
  it.each([
    ['鄉(xiāng)村治理', '鄉村治理'],
    ['常態(tài)化', '常態化'],
    ['村(社區(qū))', '村(社區)'],
    ['各級黨委(黨組)理論中心組', '各級黨委(黨組)理論中心組'],
    ['各鎮(zhèn)(街道)各部門', '各鎮(街道)各部門'],
    ['全角（xiāng）括号', '全角括号'],
    ['GDP (gross) 增长', 'GDP (gross) 增长'],
    ['第(a)项', '第(a)项'],
  ])('%s -> %s', (input, expected) => {
    expect(stripPinyin(input)).toBe(expected);
  });

  it('removes all 137 annotations of the seed document and keeps its real parentheses', async () => {
    const { readFileSync } = await import('node:fs');
    const seed = readFileSync(new URL('../../corpus/000_30f1ad1faf6efd17.txt', import.meta.url), 'utf8');
    const stripped = stripPinyin(seed);
    expect(stripped).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔù]/);
    expect(seed.length - stripped.length).toBeGreaterThan(137 * 3);
    expect(stripped).toContain('黨委(黨組)');
    expect(stripped).toContain('各鎮(街道)');
  });
});

describe('matching form', () => {
  it('folds full width, script and case so both scripts meet', () => {
    expect(foldWidth('ＡＢＣ１２３，')).toBe('ABC123,');
    expect(matchForm('七大行動指的是什麼？')).toBe(matchForm('七大行动指的是什么?'));
    expect(matchForm('鄉(xiāng)村振興')).toBe('乡村振兴');
  });

  it('converts between scripts for display', () => {
    expect(toSimplified('積極探索自治、法治、德治')).toBe('积极探索自治、法治、德治');
    expect(toTraditional('积极探索新路径')).toBe('積極探索新路徑');
  });
});

describe('register detection', () => {
  it.each([
    ['什么是三治融合?', 'simplified'],
    ['七大行動指的是什麼?', 'traditional'],
    ['三治融合', 'simplified'],
    ['what is 三治融合', 'simplified'],
  ] as const)('script of %s', (q, script) => expect(detectScript(q)).toBe(script));

  it.each([
    ['what is 三治融合', 'en'],
    ['What does the Civil Code say about inheritance?', 'en'],
    ['什么是三治融合?', 'zh'],
    ['2024年GDP增长目标是多少', 'zh'],
    ['GDP和CPI是什么', 'zh'],
  ] as const)('language of %s', (q, lang) => expect(detectLang(q)).toBe(lang));
});
