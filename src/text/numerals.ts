// Chinese numerals <-> integers, for article numbers (第一千零七十九条 ⇄ 第1079条) and years (二〇一五年).
// Pure; handles the forms legal and policy texts use (零/〇, 两, 十 at the start of a number, 万).

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral is written with. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/**
 * The value of a Chinese numeral ("一千零七十九" -> 1079, "十二" -> 12, "二〇一五" -> 2015), or of Arabic digits;
 * undefined when the text is not a number.
 */
export function parseNumeral(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || ![...s].every((c) => c in DIGITS || c in UNITS || c === '万')) return undefined;
  // Digit by digit, as years are written ("二〇一五"): no unit characters at all.
  if (![...s].some((c) => c in UNITS || c === '万')) return Number([...s].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c];
    else if (c === '万') {
      section += digit ?? 0;
      total += (section || 1) * 10000;
      section = 0;
      digit = undefined;
    } else {
      // "十二" starts with its unit: one ten.
      section += (digit ?? 1) * UNITS[c];
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** An integer below 100,000 as legal texts write it: 1079 -> "一千零七十九", 10 -> "十", 110 -> "一百一十". */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100000) throw new RangeError(`toChineseNumeral: ${n} is out of range`);
  if (n === 0) return '零';
  const names = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += names[d] + unit;
  });
  // 一十 at the start reads 十 (十二条, 十条); inside a number it stays (一百一十).
  return out.startsWith('一十') ? out.slice(1) : out;
}
