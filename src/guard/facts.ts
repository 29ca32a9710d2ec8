// The checkable facts of a claim: numbers (Arabic, and Chinese numerals that count something: 三年, 第十条,
// 二〇二四年, 百分之五), 《titles》, quoted terms and name-like tokens (a name next to an office: 王五是省长,
// 县长张三). A claim sentence is only as good as these; each must appear in the passage it cites.

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** The value of a Chinese numeral ("一千零七十九" -> 1079, "二〇二四" -> 2024), or undefined if it is none. */
export function chineseNumber(s: string): number | undefined {
  if (!/[零〇一二两三四五六七八九十]/.test(s)) return undefined;
  // Digit by digit, as years are written: 二〇二四.
  if (!/[十百千万亿]/.test(s)) {
    if (s.length < 2) return DIGIT[s];
    return Number([...s].map((c) => DIGIT[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in DIGIT) digit = DIGIT[c];
    else if (c in SMALL_UNIT) {
      section += (digit || 1) * SMALL_UNIT[c];
      digit = 0;
    } else if (c in BIG_UNIT) {
      total = (total + section + digit) * BIG_UNIT[c];
      section = 0;
      digit = 0;
    } else return undefined;
  }
  return total + section + digit;
}

const ARABIC = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const CN_NUM = /[零〇一二两三四五六七八九十百千万亿]+/g;
// What a Chinese numeral must stand next to in a claim to count as a fact (一些, 统一, 十四五 do not).
const COUNTED = /^(?:年|月|日|号|条|款|项|个|倍|岁|元|万|亿|次|人|户|名|家|天|周|章|节|编|届|期|批|所|座|公里|亩|吨|成|%)/;
const FILLER_ONE = /^(?:个|项|种|次|批|家|名|人|些|般|样|起|直|定|切|同|批)/;

/**
 * Every number a passage states, by the same rule as a claim's, so that 张三 in a passage never supplies the 3
 * of "三年" in a claim.
 */
export function numbersIn(text: string): Set<string> {
  return new Set(claimNumbers(text));
}

/** The numbers a text asserts, canonical ("1,260,582" -> "1260582", "三年" -> "3"); Chinese numerals only when they count something. */
export function claimNumbers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ARABIC)) out.add(String(Number(m[0].replace(/,/g, ''))));
  for (const m of text.matchAll(CN_NUM)) {
    const end = (m.index ?? 0) + m[0].length;
    const after = text.slice(end);
    const ordinal = text[(m.index ?? 0) - 1] === '第';
    const percent = /^百分之/.test(m[0]) || text.slice((m.index ?? 0) - 3, m.index).endsWith('百分之');
    if (!ordinal && !percent && !COUNTED.test(after)) continue;
    if (m[0] === '一' && !ordinal && FILLER_ONE.test(after)) continue;
    const v = chineseNumber(m[0].replace(/^百分之/, ''));
    if (v !== undefined) out.add(String(v));
  }
  return [...out];
}

const TITLE = /《([^》\n]{1,40})》/g;
const QUOTED = /[“「『"]([^”」』"\n]{1,30})[”」』"]/g;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const OFFICE = '(?:省长|县长|市长|区长|乡长|镇长|村长|书记|主任|局长|厅长|部长|总理|主席|委员|代表|秘书长|主管)';
const NAME = `[${SURNAMES}][\\u4e00-\\u9fff]{1,2}?`;
const NAME_BEFORE_OFFICE = new RegExp(`(${NAME})(?=(?:同志)?(?:是|为|任|担任|现任)?(?:本|该|我|全|副)?[省县市区乡镇村]?${OFFICE})`, 'g');
// After an office the name's end is unknown (县长王五主持会议): its first two characters must appear.
const OFFICE_BEFORE_NAME = new RegExp(`${OFFICE}([${SURNAMES}][\\u4e00-\\u9fff])`, 'g');
const LATIN_NAME = /\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b/g;

/** 《titles》, quoted terms, and names next to an office, as written in the claim. */
export function claimTerms(text: string): string[] {
  const out = new Set<string>();
  for (const re of [TITLE, QUOTED, NAME_BEFORE_OFFICE, OFFICE_BEFORE_NAME]) {
    for (const m of text.matchAll(re)) if (m[1].trim()) out.add(m[1].trim());
  }
  // Acronyms and capitalised names inside Chinese text (GDP, CPI); English sentences are left to the caller.
  if (/\p{Script=Han}/u.test(text)) for (const m of text.matchAll(LATIN_NAME)) out.add(m[0]);
  return [...out];
}
