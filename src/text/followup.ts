// Follow-ups read with the previous question, offline: "那2018年呢?" after "2019年GDP增长目标是多少" asks for the
// same thing in 2018; "那就业呢?" after it asks for jobs in 2019. Pure text: the question and the previous one
// in, the question to search with out.

import { parseNumeral } from './numerals.ts';
import { shortYear, YEAR_SHORT, YEAR_SHORT_ECONOMY, YEAR_SHORT_START } from './years.ts';

// A short question that opens with 那/那么/要是 or ends with 呢 leans on the one before it; so does one that opens
// with a year counted from the previous question's ("前一年完成了多少", "第二年呢"), or with "and"/"what about".
const LEANS =
  /^(那|那么|那要是|要是|如果是|换成|还有|再往|往前|往后|早一年|晚一年|前一年|上一年|头一年|当年|同一年|同年|第二年|后一年|下一年|同一份|同一个|这个报告|这份报告|该报告)|呢[?？。!！]*$/;
// What points back to the previous question's report or year ("同一份报告里", "那年的", "那时候"): the previous
// question's year is meant, and these words say nothing else.
const SAME_REPORT =
  /^(?:那么|那)?(?:在)?(?:同一份|同一个|这个|那个|这份|那份|该|那一年|那年|那时候?|当时|这一年)(?:的)?(?:政府工作报告|工作报告|报告)?(?:里|上|中)?(?:的)?/;
const COUNTED_YEAR = /^(?:那)?(?:再)?(?:往前一年|早一年|前一年|上一年|头一年|当年|同一年|同年|第二年|后一年|下一年|往后一年|晚一年)/;
const NEXT_YEAR = /第二年|后一年|下一年|往后一年|晚一年/;
const YEAR_BEFORE = /往前一年|早一年|前一年|上一年|头一年/;
// A follow-up that asks something itself ("多少", "吗") is not given the previous question's ending too.
const ASKS = /多少|几|什么|啥|哪|吗|么|怎/;
const LEANS_EN = /^\s*(?:and|what about|how about)\b/i;
// A year in an English follow-up ("And in 2018?"), a year counted from the previous question's ("the year before"),
// and the words that only lean on the previous question.
const YEAR_EN = /\b(?:19|20)\d{2}\b/g;
const EN_YEAR_BEFORE = /\b(?:the\s+)?(?:year|one)\s+before\b|\b(?:the\s+)?previous\s+year\b|\ba\s+year\s+earlier\b/i;
const EN_YEAR_AFTER = /\b(?:the\s+)?(?:year|one)\s+after\b|\b(?:the\s+)?next\s+year\b|\ba\s+year\s+later\b/i;
const FILLER_EN = /^\s*(?:and|what about|how about)\b|\b(?:in|for|the|year|of|that|then)\b|[?.!]/gi;
const YEAR_PHRASE = /(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年(?:的)?|大前年|前年|去年|今年|明年/g;
// What the previous question asked for ("…目标是多少", "…有哪些"): a follow-up that switches the subject asks the same.
const ASKED_FOR =
  /(?:目标|指标|预期|标准|条件|规定|要求)?(?:是|定的|定为|定了|有|为|提了)?(?:多少|几[个天年岁次倍条项种]?|什么|哪些|哪几[个项条种]?|怎么样|如何)(?:呢|啊|呀)?[?？]?$/;
const REPORT_WORDS = /(?:的)?(?:国务院)?(?:政府)?(?:工作)?报告(?:里|上|中)?(?:说的|怎么说|写的)?/g;
const FILLER = /^(那么|那要是|那|要是|如果是|换成|还有)|(的)?(呢|的呢|呀|啊)?[?？。!！\s]*$/g;

/** The first year a question names, as said ("2016年", "二〇一六年", "98年") and as a number. */
function yearOf(question: string): { said: string; year: number } | undefined {
  const full = /((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年/.exec(question);
  if (full) {
    const year = parseNumeral(full[1]);
    if (year !== undefined) return { said: full[0], year };
  }
  const short =
    new RegExp(YEAR_SHORT.source).exec(question) ?? new RegExp(YEAR_SHORT_ECONOMY.source).exec(question) ?? new RegExp(YEAR_SHORT_START.source).exec(question);
  return short ? { said: short[0], year: shortYear(short[1]) } : undefined;
}

/** Whether a message is a follow-up that needs the previous question to be understood. */
export function leansOnPrevious(question: string): boolean {
  const q = question.trim();
  // English words are longer: "What about the year before?" is as short a question as "那前一年呢".
  return (q.length <= 24 && LEANS.test(q)) || (q.length <= 48 && LEANS_EN.test(q));
}

/**
 * The question to search with for a follow-up (in matching form, or as typed), or undefined when the message is
 * not one. A follow-up that only names a year asks the previous question about that year; one that names a
 * subject keeps the previous question's years ("那就业呢" stays in 2019).
 */
export function readFollowUp(question: string, previous: string): string | undefined {
  if (!leansOnPrevious(question)) return undefined;
  // "And in 2018?" after "What was the GDP growth target in 2017?": the previous question, about the new year.
  // "And the year before?" counts from it; "What about inflation?" asks the same of a new subject in its year.
  if (LEANS_EN.test(question)) {
    const before = previous.match(YEAR_EN)?.[0];
    if (!before) return undefined;
    const step = EN_YEAR_BEFORE.test(question) ? -1 : EN_YEAR_AFTER.test(question) ? 1 : 0;
    const year = step ? `${Number(before) + step}` : question.match(YEAR_EN)?.[0];
    const rest = question.replace(EN_YEAR_BEFORE, '').replace(EN_YEAR_AFTER, '').replace(YEAR_EN, '').replace(FILLER_EN, ' ').trim();
    if (year && !rest) return previous.replace(YEAR_EN, year);
    if (!year && rest) return `${rest}${/\btargets?\b/i.test(previous) && !/\btargets?\b/i.test(rest) ? ' target' : ''} in ${before}`;
    return undefined;
  }
  // A year counted from the previous question's: the next one is that question about the next year ("第二年呢"); the
  // year itself or the one before ("当年…", "前一年完成了多少") is asked of the previous question's report, which
  // reviews the year before, with its subject: "2016年城镇新增就业" + "前一年完成了多少".
  const counted = COUNTED_YEAR.exec(question.trim());
  const named = yearOf(previous);
  if (counted && named) {
    const rest = question.trim().slice(counted[0].length).replace(FILLER, '').trim();
    if (NEXT_YEAR.test(counted[0])) {
      const next = named.year + 1;
      return rest ? `${next}年${rest}${ASKS.test(rest) ? '' : (previous.trim().match(ASKED_FOR)?.[0] ?? '')}` : previous.replace(named.said, `${next}年`);
    }
    // "再往前一年呢": the previous question about the year before.
    if (YEAR_BEFORE.test(counted[0]) && !rest) return previous.replace(named.said, `${named.year - 1}年`);
    return `${previous.trim().replace(ASKED_FOR, '')}${question.trim()}`;
  }
  const years = question.match(YEAR_PHRASE) ?? [];
  // "那去年的报告呢": the report is what the previous question was asked of anyway, not a subject of its own.
  const rest = question.replace(SAME_REPORT, '').replace(YEAR_PHRASE, '').replace(REPORT_WORDS, '').replace(FILLER, '').trim();
  if (years.length && !rest) return `${years.join('、')}${previous.replace(YEAR_PHRASE, '').trim()}`;
  // A two-digit year ("七八年那会儿") is carried over in full ("1978年"), so it still reads as a year without its cue.
  const previousYears = [...(previous.match(YEAR_PHRASE) ?? []), ...[...previous.matchAll(YEAR_SHORT)].map((m) => `${shortYear(m[1])}年`)];
  const askedFor = previous.trim().match(ASKED_FOR)?.[0] ?? '';
  if (!years.length && previousYears.length && rest) return `${previousYears.join('、')}${rest}${ASKS.test(rest) ? '' : askedFor}`;
  // Both switched ("那2019年的就业呢"): the new year and subject, asked as the previous question asked.
  if (years.length && rest) return `${years.join('、')}${rest}${askedFor}`;
  return undefined;
}
