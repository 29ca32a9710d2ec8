// Years as citizens say them with two digits ("79年那会儿", "八三年的报告"), read the same way by the scope and the
// follow-up reader.

// A year said with two digits ("79年那会儿", "八三年的报告", "08年的时候"): only before words that make it a time of
// its own ("那会儿", "的报告", "国家说"), never after a verb ("住了七八年", "有七八年") nor before "前" (七八年前: years ago).
const TWO_DIGIT_YEAR =
  '(?<![\\d〇零一二三四五六七八九十百千万几了过住干有用近这那好多])([5-9]\\d|[0-2]\\d|[五六七八九][〇零一二三四五六七八九]|[〇零][一二三四五六七八九]|[一][〇零一二三四五六七八九]|二[〇零一二])\\s*年';
export const YEAR_SHORT = new RegExp(`${TWO_DIGIT_YEAR}(?=那会|那时|那阵|的时候|时候|的(?:政府)?(?:工作)?报告|报告|国家|政府|说|提|的政策)`, 'g');
/** A two-digit year before a word of the economy or the state's plans ("97年经济增长的目标", "03年的财政赤字"). */
export const YEAR_SHORT_ECONOMY = new RegExp(
  `${TWO_DIGIT_YEAR}(?=的?(?:经济|gdp|国内生产总值|财政|赤字|预算|物价|粮食|增长|目标|预期|计划|就业|失业)|全国)`,
  'g',
);
/** A two-digit year that opens the question ("95年为啥…", "08年那个…"). */
export const YEAR_SHORT_START = new RegExp(`^\\s*${TWO_DIGIT_YEAR}(?!前|后|以前|以后|多|了)`, 'g');
/**
 * A two-digit year that the question points back to ("我是98年下岗的，那年国家对下岗职工有啥政策", "俺79年结的婚，那时候…"):
 * "那年" needs a year before it, so a story's year is one, whatever verb follows it.
 */
export const YEAR_SHORT_REFERRED = new RegExp(`${TWO_DIGIT_YEAR}(?!前|后|以前|以后|多|了|来)(?=.*(?:那年|那一年|那时|当年|那会|那阵))`, 'g');
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** "79" or "七九" -> 1979, "08" or "零八" -> 2008. */
export function shortYear(digits: string): number {
  const n = Number([...digits].map((c) => CN_DIGIT[c] ?? c).join(''));
  return n >= 50 ? 1900 + n : 2000 + n;
}
