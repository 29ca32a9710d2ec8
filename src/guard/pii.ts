// Personal data in a citizen's message: find and redact resident ID numbers, mobile and landline numbers, bank
// cards, e-mail addresses and plate numbers before anything else (retrieval, LLM, logs, storage) sees the text.
// Input: text folded to half width (NFKC) and Simplified; offsets point into that text.
// Numbers are recognised by structure and check digits, never by length alone, so that years (2015年), amounts
// (3000元), article numbers (第1079条), GDP figures and dates stay in the question.
import { classifyDigits } from './pii-numbers.ts';
import type { PiiKind, PiiMatch, Redaction } from './types.ts';

export const PII_LABELS: Record<PiiKind, string> = {
  id: '[身份证号]',
  mobile: '[手机号]',
  landline: '[电话]',
  bankcard: '[银行卡号]',
  email: '[邮箱]',
  plate: '[车牌号]',
  name: '[姓名]',
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Province abbreviations opening a plate, then the issuing-office letter (never I or O), an optional dot, then
// 6 characters for new-energy plates (D/F first for small cars, last for large ones) or 5 for ordinary ones
// (the fifth may be 学, 警, 挂… on special plates).
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE = new RegExp(
  `[${PROVINCES}][A-HJ-NP-Z][·•\\- ]?` + '(?:[DF][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳领试超])(?![A-Z0-9])',
  'gi',
);

// A self-introduction: "我叫王建军，", "姓名：李秀兰". Only the name itself is replaced, and only when it ends
// at punctuation or a space, so "我叫李村的人" style phrases keep their words.
const SURNAME =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛上官';
const OWN_NAME = new RegExp(`(?<=我叫|我的名字叫|我的名字是|本人姓名|姓名[:：]\\s?|名字叫)[${SURNAME}][\\u4e00-\\u9fff]{1,3}?(?=[,，。;；、\\s]|$)`, 'g');

// A digit group; an X may close an ID number. Groups joined by one or two spaces/hyphens, or by the ")" of a
// bracketed area code, form one number as people write them: "138 1234 5678", "(0755) 8888-6666".
const GROUP = /\d+[Xx]?/g;
const JOIN = /^(?:[ -]{1,2}|\) ?)$/;
const MAX_GROUPS = 6;

interface Group {
  start: number;
  end: number;
  digits: string;
}

function overlaps(taken: PiiMatch[], start: number, end: number): boolean {
  return taken.some((m) => start < m.end && end > m.start);
}

function regexMatches(text: string, re: RegExp, kind: PiiKind, accept: (s: string) => boolean): PiiMatch[] {
  const out: PiiMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (accept(m[0])) out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function digitGroups(text: string, taken: PiiMatch[]): Group[] {
  const groups: Group[] = [];
  GROUP.lastIndex = 0;
  for (let m = GROUP.exec(text); m; m = GROUP.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    // Digits after a decimal point belong to a decimal number (3.1415926535897932).
    if (text[start - 1] === '.' && /\d/.test(text[start - 2] ?? '')) continue;
    if (text[end] === '.' && /\d/.test(text[end + 1] ?? '')) continue;
    if (!overlaps(taken, start, end)) groups.push({ start, end, digits: m[0] });
  }
  return groups;
}

/** The longest number starting at group i (leftmost-longest), or undefined. */
function numberAt(text: string, groups: Group[], i: number): { match: PiiMatch; last: number } | undefined {
  let last = i;
  while (last + 1 < groups.length && last + 1 - i < MAX_GROUPS) {
    if (!JOIN.test(text.slice(groups[last].end, groups[last + 1].start))) break;
    last++;
  }
  for (let j = last; j >= i; j--) {
    const parts = groups.slice(i, j + 1);
    // An X is only the last character of an ID number.
    if (parts.slice(0, -1).some((g) => /x$/i.test(g.digits))) continue;
    const compact = parts.map((g) => g.digits).join('');
    const hasPlus = text[groups[i].start - 1] === '+';
    const kind = classifyDigits(
      compact,
      parts.map((g) => g.digits.length),
      hasPlus,
    );
    if (!kind || (kind !== 'id' && /x$/i.test(compact))) continue;
    let start = groups[i].start;
    if (hasPlus) start--;
    else if (text[start - 1] === '(' && text.slice(groups[i].end).startsWith(')')) start--;
    return { match: { kind, start, end: groups[j].end }, last: j };
  }
  return undefined;
}

/** Every piece of personal data in `text`, in order, without overlaps. */
export function findPersonalData(text: string): PiiMatch[] {
  const taken: PiiMatch[] = [];
  taken.push(...regexMatches(text, EMAIL, 'email', () => true));
  // A plate has at least one digit ("新APP" stays a word).
  const plates = regexMatches(text, PLATE, 'plate', (s) => /\d/.test(s.slice(2)));
  taken.push(...plates.filter((p) => !overlaps(taken, p.start, p.end)));
  taken.push(...regexMatches(text, OWN_NAME, 'name', () => true));
  const groups = digitGroups(text, taken);
  for (let i = 0; i < groups.length; i++) {
    const found = numberAt(text, groups, i);
    if (!found) continue;
    taken.push(found.match);
    i = found.last;
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Replace each piece of personal data with its label, e.g. `[身份证号]`. */
export function redact(text: string): Redaction {
  const matches = findPersonalData(text);
  let out = '';
  let cursor = 0;
  const found: PiiKind[] = [];
  for (const m of matches) {
    out += text.slice(cursor, m.start) + PII_LABELS[m.kind];
    cursor = m.end;
    if (!found.includes(m.kind)) found.push(m.kind);
  }
  return { text: out + text.slice(cursor), found };
}

/** Any of the labels `redact` writes, e.g. `[身份证号]` (global: `match` and `replace` start from 0 each call). */
export const PII_LABEL_RE = new RegExp(
  Object.values(PII_LABELS)
    .map((l) => l.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);
const LOOKUP = /查一下|查一查|查查|帮我查|帮忙查|查询|查看|查|看一下|看看|搜一下|搜索|核实|核对|是谁的?|谁的|机主|归属地?/g;
// Words that only say "a personal record" or are politeness and grammar: nothing the documents could answer.
const FILLER = new RegExp(
  [
    '麻烦|请|帮忙|帮我|帮|给我|我想|我要|想|要|能否|能不能|可以|可不可以|一下|下',
    '我的|我|本人|这个|那个|这|那|号码|号|的|是|多少|什么|哪|在|吗|呢|吧|啊|呀|了|谢谢|你好|您好',
    '信息|资料|记录|情况|状态|结果|进度|名下|余额|明细|档案|违章|账户|登记|对应|所有|全部',
    '身份证|手机|电话|银行卡|卡|车牌|邮箱|姓名|名字',
    'please|check|look|up|my|the|of|for|who|is|this|number|info|information',
  ].join('|'),
  'gi',
);

// Asking the status of one's own case ("养老金到账没有", "审批进度"): only the office holding the record knows.
const PERSONAL_STATUS = /到账|到没到|发没发|发了没|批没批|批下来没|下来没|办好了?没|通过了?没|审核到哪|进度|到哪一步/;

/**
 * True when a redacted question is only personal data plus a request to look it up ("帮我查一下[身份证号]",
 * "[手机号]是谁的"): documents cannot answer that, so it is refused with the reason. A redacted question that
 * also asks something documents cover ("[身份证号]丢了怎么补办", "查一下[身份证号]的社保缴费比例") is false.
 * Asking the status of one's own case with data and a lookup ("帮我查查养老金到账没有，身份证号[身份证号]") is
 * true as well. A lookup without any redacted data is an ordinary question here (triage handles others' data).
 */
export function onlyPersonalLookup(redactedText: string): boolean {
  PII_LABEL_RE.lastIndex = 0;
  if (!PII_LABEL_RE.test(redactedText)) return false;
  LOOKUP.lastIndex = 0;
  if (!LOOKUP.test(redactedText)) return false;
  if (PERSONAL_STATUS.test(redactedText)) return true;
  const rest = redactedText
    .replace(PII_LABEL_RE, ' ')
    .replace(LOOKUP, ' ')
    .replace(FILLER, ' ')
    .replace(/[\p{P}\p{S}\s\d]+/gu, '');
  return rest.length === 0;
}
