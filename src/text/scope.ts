// What part of the corpus a question is about: the years it names (or implies: 今年, 去年), the collection or
// law book it names, the article it cites. A scope is a filter, not a boost: "2015年CPI目标" is answered from the
// 2015 report or not at all, never from 2016's. Pure: the matching form of the question and a catalog in.

import type { DocKind, DocMeta } from '../types.ts';
import { pinyinKeys, type Readings } from './homophones.ts';
import { matchForm } from './normalize.ts';
import { CN_NUMERAL_CHARS, parseNumeral, toChineseNumeral } from './numerals.ts';
import { shortYear, YEAR_SHORT, YEAR_SHORT_ECONOMY, YEAR_SHORT_REFERRED, YEAR_SHORT_START } from './years.ts';

export interface Scope {
  /** Years the question is about; documents of other years are left out (undated ones, such as laws, stay). */
  years: number[];
  /** The years were named explicitly (2015年) rather than relatively (去年). */
  explicitYears: boolean;
  /** Collections the question names ("政府工作报告", "民法典"); empty: any. */
  kinds: DocKind[];
  /** A law book the question names ("婚姻家庭编"). */
  book?: string;
  /** An article number the question cites ("第1079条", "第一千零七十九条"). */
  article?: number;
  /** Documents the question names in book-title marks ("《劳动合同法》"). */
  documents: string[];
}

// Speed (issue 12): a title's matching form, folded once per catalog entry instead of for every question (at 100x
// this was 0.2 ms a question).
const titleForms = new WeakMap<CatalogDoc, string>();
function titleForm(d: CatalogDoc): string {
  let form = titleForms.get(d);
  if (form === undefined) titleForms.set(d, (form = matchForm(d.title)));
  return form;
}

export interface CatalogDoc {
  id: string;
  title: string;
  meta: DocMeta;
}

const CN = `[${CN_NUMERAL_CHARS}]`;
// A year is four digits (or four Chinese digits) followed by 年, or before "report"/"的报告": "2000元" is no year.
const YEAR_ZH = /((?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*(?:年|的(?:政府)?(?:工作)?报告)/g;
// What the reports decide each year (pensions, subsidies, free schooling…): "听说今年退休金又要涨" is about this year's
// report, unless the year is the asker's own ("我今年22岁", "今年结婚").
const POLICY_WORDS =
  /退休金|养老金|补贴|补助|医保|社保|个税|减税|降费|学前教育|义务教育|免费|政策|推行|出台|上调|标准|发放|国债|专项债|以旧换新|房价|粮食|最低工资|低保|种粮|收购价|农业税|粮价|农机|良种/;
const PERSONAL_TIME = /岁|生日|出生|结婚|离婚|怀孕|生孩子|毕业|退休了|去世/;
/** The asker's own voice: a question about oneself or one's family ("我", "俺", "咱", "my"). */
export const PERSONAL = /[我俺咱]|自己|\b(?:i|my|me|i'm)\b/;
// People of a story told without "I" ("2019年借给他两万块钱，他说年底还").
const STORY_PEOPLE = /[他她]|\b(?:he|she|him|her)\b/i;
// A named year with what the state said or decided ("79年那会儿国家提了个方针") is that year's report.
const STATE_SAID = /国家|中央|国务院|方针|政府说|政策/;
// A year that someone (no one named) said or announced something in: "2022年不是说带孩子的钱能从个税里扣吗".
// Only right after the year: "2018年借给他钱，他说…" is a story, not what was announced.
const YEAR_SAID = /年(?:的时候|那会儿?|那时候?|那阵子?)?(?:不是|好像|好象|就|也)?(?:说|提出|提了|宣布|出台)/;
// A relative year with what the government plans ("how much will the government spend this year") is the report's.
const STATE_HANDS_OUT = /(?:国家|政府|中央)(?:要|将|准备|打算|开始|又)?(?:给|发|补|出台|推出|推行|拿出)/;
const STATE_PLANS = /政府|国家|中央|国务院|\b(?:government|state|national)\b/i;
const YEAR_EN = /\b(?:in|of|for|year)\s+((?:19|20)\d{2})\b|\b((?:19|20)\d{2})\s+(?:government\s+)?(?:work\s+)?report/gi;
// A difference asked between two years ("今年比去年提高了多少", "2016年比2015年多了几个百分点"): the later report
// states it against the year before ("比上年提高1个百分点"), so that report alone answers.
const ASKS_DIFFERENCE =
  /比(?:去年|前年|上年|上一年|(?:19|20)\d{2}年)[^，。？?；]{0,10}?(?:提高|增加|增长|上升|上调|下降|降低|下调|减少|多|少|高|低)了?[^，。？?；]{0,4}?(?:多少|几)/;
// Targets are each set in their own year's report and not compared there ("粮食产量的目标今年跟去年比"): both answer.
const TARGET = /目标|\btargets?\b/i;
function asksDifference(question: string): boolean {
  return ASKS_DIFFERENCE.test(question) && !TARGET.test(question);
}
/** Leaves only the latest of the years. */
function keepLatest(years: Set<number>): void {
  const latest = Math.max(...years);
  for (const y of years) if (y !== latest) years.delete(y);
}
// How much a year achieved, asked after the fact: "改善了多少", "降了多少", "增长了百分之几". Whether something was
// raised ("去年小麦的最低收购价提高了没有") is also what last year's report decided, and keeps that year.
const ASKS_RESULT = /(?:改善|增长|下降|降低|降|涨|上涨|提高|增加|减少|达到|新增|带动|减|少|多)了(?:多少|几|百分之)/;
// Relative years count back from the newest dated document.
const RELATIVE: [RegExp, number][] = [
  [/大前年/, -3],
  [/前年/, -2],
  [/去年|上一年|上年度/, -1],
  [/今年|本年度|this year/i, 0],
  [/明年|下一年|next year/i, 1],
];
// "第1079条", "第一千零七十九条", "民法典1067条"; not "一条狗" (no 第, a Chinese numeral) nor "条件".
const ARTICLE = new RegExp(`(?:第\\s*(\\d{1,4}|${CN}{1,8})|(?<!\\d)(\\d{3,4}))\\s*条(?!件|例|款)|\\barticle\\s+(\\d{1,4})\\b`, 'i');
// Right after the law's name a bare number is an article too: "民法典40条".
const LAW_ARTICLE = /(?:民法典|民法)\s*(\d{1,4})\s*条(?!件|例|款)/;
const KIND_WORDS: [RegExp, DocKind][] = [
  [/关于政府工作报告的决议|人大.{0,6}决议/, 'npc-resolution'],
  [/政府工作报告|工作报告|government work report/i, 'work-report'],
  [/民法典|民法|civil code/i, 'law'],
];
// "我们县", "本地", "咱们这儿": the local documents, not the national reports. A village or township of one's own
// ("俺村边上那个化工厂") is where a personal story happens, not the county notice.
const LOCAL = /(?:我们|咱们?|俺们?|本|我)(?:县|市|区)|县里/;
// "我们这儿", "咱这儿" is where the asker lives: the county's documents only when the question is about what its
// government did ("我们这儿扫黑除恶开过什么会"), not for a custom or a family matter ("咱这儿彩礼一般要多少").
const HERE = /(?:我们|咱们?|俺们?)这(?:儿|里|边)/;
const LOCAL_AFFAIRS = /开会|会议|通知|文件|政府|领导|干部|整治|扫黑|创建|文明|动员|部署/;
// Laws a citizen names without book-title marks ("道路交通安全法对酒后驾驶怎么处罚"). A question about a law the
// corpus does not hold is refused with its name, never answered from another law's words. Longest first, so
// 劳动合同法 is read before 合同法.
const LAW_NAMES = (
  '劳动合同法 劳动争议调解仲裁法 道路交通安全法 治安管理处罚法 消费者权益保护法 个人所得税法 个人信息保护法 ' +
  '未成年人保护法 妇女权益保障法 老年人权益保障法 残疾人保障法 反家庭暴力法 农村土地承包法 土地管理法 城市房地产管理法 ' +
  '社会保险法 食品安全法 产品质量法 网络安全法 义务教育法 民事诉讼法 刑事诉讼法 行政诉讼法 行政处罚法 行政复议法 ' +
  '公司法 劳动法 刑法 宪法 税法 兵役法 教育法 律师法 公证法 仲裁法 著作权法 商标法 专利法 广告法 价格法 ' +
  '工伤保险条例 物业管理条例 婚姻登记条例 住房公积金管理条例 信访条例 ' +
  '侵权责任法 婚姻法 继承法 合同法 物权法 收养法 担保法 民法通则 民法总则'
)
  .split(/\s+/)
  .sort((a, b) => b.length - a.length);
// The laws the Civil Code replaced in 2021: a question about one is about the book that holds it now.
const FORMER_LAWS: Record<string, string> = {
  婚姻法: '婚姻家庭编',
  收养法: '婚姻家庭编',
  继承法: '继承编',
  合同法: '合同编',
  物权法: '物权编',
  担保法: '物权编',
  侵权责任法: '侵权责任编',
  民法通则: '总则',
  民法总则: '总则',
};

const BOOKS = ['总则', '物权编', '合同编', '人格权编', '婚姻家庭编', '继承编', '侵权责任编', '附则'];

/** The newest year of each dated kind, which relative years count from. */
export function newestYear(catalog: readonly CatalogDoc[], kind: DocKind = 'work-report'): number | undefined {
  let newest: number | undefined;
  for (const d of catalog) if (d.meta.kind === kind && d.meta.year !== undefined && (newest === undefined || d.meta.year > newest)) newest = d.meta.year;
  return newest;
}

/** What parseScope reads of a catalog, whatever the question: worked out once per catalog. */
interface CatalogFacts {
  kindsHeld: Set<DocKind>;
  /** The places local documents' titles name ("洋县"), each once. */
  places: string[];
  /** The same places as English speakers write them ("yang county", "yangxian"), made on the first English question. */
  placesInEnglish?: string[];
  hasLocal: boolean;
  holdsCode: boolean;
  newestReport: number | undefined;
  reportYears: Set<number | undefined>;
}
// Keyed by the catalog array, which an engine builds once and never changes: at 469 documents, reading every
// title's places for each question was a quarter of understanding it (31 µs).
const catalogFacts = new WeakMap<readonly CatalogDoc[], CatalogFacts>();

function factsOf(catalog: readonly CatalogDoc[]): CatalogFacts {
  let facts = catalogFacts.get(catalog);
  if (!facts) {
    const local = catalog.filter((d) => d.meta.kind === 'local');
    facts = {
      kindsHeld: new Set(catalog.map((d) => d.meta.kind)),
      places: [...new Set(local.flatMap((d) => placesOf(titleForm(d))))],
      hasLocal: local.length > 0,
      holdsCode: catalog.some((d) => d.meta.book !== undefined),
      newestReport: newestYear(catalog),
      reportYears: new Set(catalog.filter((d) => d.meta.kind === 'work-report' && d.meta.year !== undefined).map((d) => d.meta.year)),
    };
    catalogFacts.set(catalog, facts);
  }
  return facts;
}

/**
 * The scope of a question in matching form (Simplified, half-width). `readings` (character -> pinyin) lets an English
 * question name the local documents' places ("Yang County"); without it only their Chinese names count.
 */
export function parseScope(question: string, catalog: readonly CatalogDoc[], readings?: Readings): Scope {
  const scope: Scope = { years: [], explicitYears: false, kinds: [], documents: [...question.matchAll(/《([^》]{2,30})》/g)].map((m) => m[1]) };
  const facts = factsOf(catalog);
  const kindsHeld = facts.kindsHeld;
  for (const [re, kind] of KIND_WORDS) {
    // A collection the corpus does not hold is no scope: "民法" in a question about Roman law, over an encyclopedia.
    if (re.test(question) && kindsHeld.has(kind) && !scope.kinds.includes(kind)) {
      scope.kinds.push(kind);
      // "关于政府工作报告的决议" names the resolution, not the report.
      if (kind === 'npc-resolution') break;
    }
  }
  // A place the local documents are about ("洋县"), or "我们县": the question is about them.
  const named =
    facts.places.some((p) => question.includes(p)) ||
    (readings !== undefined && /[a-z]/.test(question) && englishPlaces(facts, readings).some((p) => question.includes(p)));
  const local = LOCAL.test(question) || (HERE.test(question) && LOCAL_AFFAIRS.test(question));
  if (facts.hasLocal && (local || named) && !scope.kinds.length) scope.kinds.push('local');
  const book = BOOKS.find((b) => question.includes(b) && (b !== '总则' || /民法典|民法/.test(question)));
  if (book) scope.book = book;
  const holdsCode = facts.holdsCode;
  let rest = question;
  for (const law of LAW_NAMES) {
    if (!rest.includes(law)) continue;
    rest = rest.replaceAll(law, ' ');
    if (holdsCode && FORMER_LAWS[law]) scope.book ??= FORMER_LAWS[law];
    else if (!scope.documents.includes(law)) scope.documents.push(law);
  }

  const years = new Set<number>();
  // Years tied to the report ("1978年的政府工作报告定的…到1985年达到多少") are the report asked; the others are what
  // it planned for.
  const ofReport = new Set<number>();
  for (const m of question.matchAll(YEAR_ZH)) {
    const y = parseNumeral(m[1]);
    if (y === undefined || y < 1949 || y > 2099) continue;
    years.add(y);
    if (/报告$/.test(m[0]) || /^(?:的)?(?:政府)?(?:工作)?报告/.test(question.slice(m.index + m[0].length))) ofReport.add(y);
  }
  if (ofReport.size && ofReport.size < years.size) for (const y of [...years]) if (!ofReport.has(y)) years.delete(y);
  for (const m of question.matchAll(YEAR_EN)) years.add(Number(m[1] ?? m[2]));
  if (!years.size) for (const m of question.matchAll(YEAR_SHORT)) years.add(shortYear(m[1]));
  // A two-digit year before a word of the economy ("97年经济增长的目标") only when none is said more plainly:
  // "七八年那会儿国家说到八五年粮食要打多少斤" asks the 1978 report about 1985.
  if (!years.size) for (const m of question.matchAll(YEAR_SHORT_ECONOMY)) years.add(shortYear(m[1]));
  // A two-digit year that opens the question ("95年为啥要把经济增长速度定得低一点") is a year whatever follows.
  if (!years.size) for (const m of question.matchAll(YEAR_SHORT_START)) years.add(shortYear(m[1]));
  // A two-digit year the question points back to ("我是98年下岗的，那年国家…") is a year whatever follows it.
  if (!years.size) for (const m of question.matchAll(YEAR_SHORT_REFERRED)) years.add(shortYear(m[1]));
  // "2016年比2015年增长了多少" asks for a difference, which the later report states ("比上年增长…").
  const twoYears = years.size > 1;
  if (twoYears && asksDifference(question)) keepLatest(years);
  const namesReport = /报告|government report/i.test(question);
  const ownStory = PERSONAL.test(question) || PERSONAL_TIME.test(question) || STORY_PEOPLE.test(question);
  if (years.size) {
    scope.explicitYears = true;
    // "2006年那个报告说的不?", "1964年周总理报告里": a year with a report is the work report of that year, not a law
    // that happens to share the question's words. A year alone ("我1998年结婚的") keeps the laws in scope.
    // So is a year with what the state said or decided ("79年那会儿国家提了个方针"), unless the year is the asker's own.
    // And a year in a question with no one's own story in it ("就是1999年那会儿下岗职工的生活费涨了多少"): the laws
    // have no years, so a named year with no "I" is the year of the state's report; "我2018年借给他钱" keeps the laws.
    const stateSaid = YEAR_SAID.test(question) || ((STATE_SAID.test(question) || POLICY_WORDS.test(question)) && !PERSONAL_TIME.test(question)) || !ownStory;
    if (!scope.kinds.length && kindsHeld.has('work-report') && (namesReport || stateSaid)) scope.kinds.push('work-report');
  } else {
    const newest = facts.newestReport;
    // Every relative year named ("去年…今年…"); a match is taken out so 前年 is not read again inside 大前年.
    const rel: [RegExp, number][] = [];
    let rest = question;
    for (const [re, offset] of RELATIVE) {
      if (!re.test(rest)) continue;
      rel.push([re, offset]);
      rest = rest.replace(new RegExp(re.source, `${re.flags}g`), ' ');
    }
    // Last year's results, asked by no one about their own ("去年空气质量改善了多少"), are reviewed in the newest
    // report ("细颗粒物(PM2.5)平均浓度下降2.7%"); last year's targets are in last year's report.
    const lastYearsResults =
      rel.length === 1 && rel[0][1] === -1 && !ownStory && !TARGET.test(question) && !/报告|report/i.test(question) && ASKS_RESULT.test(question);
    if (newest !== undefined && lastYearsResults) {
      years.add(newest);
      if (!scope.kinds.length && kindsHeld.has('work-report')) scope.kinds.push('work-report');
    }
    // "我今年22岁" is about the asker, not the report: a relative year scopes only a question about the reports
    // or about what the government plans or did.
    else if (
      newest !== undefined &&
      rel.length &&
      (scope.kinds.length ||
        /目标|增长|政府|国家|全国|经济|预期|计划|报告|GDP|CPI|赤字|就业|财政|失业/i.test(question) ||
        (POLICY_WORDS.test(question) && !PERSONAL_TIME.test(question)) ||
        /\b(?:government|state|national|targets?|growth|econom\w*|budget|deficit|plan\w*|reports?|bonds?|employment|jobs|inflation|fiscal)\b/i.test(question))
    ) {
      for (const [, offset] of rel) years.add(newest + offset);
      // "今年比去年提高了多少" asks for a difference, which the newer report states ("比上年提高1个百分点").
      if (rel.length > 1 && asksDifference(question)) keepLatest(years);
      // What the government plans this year ("how much will the government spend on defense this year") is in the
      // report, not in a law that shares a word (国防 vs 正当防卫).
      const state = STATE_PLANS.test(question) && !PERSONAL_TIME.test(question);
      if (state && !scope.kinds.length && kindsHeld.has('work-report')) scope.kinds.push('work-report');
    }
  }
  scope.years = [...years].sort((a, b) => a - b);
  // What the state is handing out or launching ("听说国家要给生孩子的家里发钱了"), asked by no one about their own case,
  // is in the reports; what the state rules ("国家规定结婚年龄") is the law's, and is not matched here.
  if (!scope.kinds.length && kindsHeld.has('work-report') && STATE_HANDS_OUT.test(question) && !PERSONAL.test(question)) scope.kinds.push('work-report');
  // "2024年国内生产总值达到多少" asks about the year, not about a report: when there is no report of that year,
  // the next year's report, which reviews it ("2024年…国内生产总值达到134.9万亿元"), answers. A question that
  // names the report ("2024年政府工作报告") is about that report and is told it is missing.
  if (scope.explicitYears && !namesReport && (!scope.kinds.length || (scope.kinds.length === 1 && scope.kinds[0] === 'work-report'))) {
    const reportYears = facts.reportYears;
    // So is how much a year achieved ("1999年那会儿下岗职工的生活费涨了百分之多少"), asked by no one about their own.
    // Not a difference between two years, nor a year whose year before is asked ("2017年前一年实际减少了多少"): that
    // year is the report, which reviews the one before.
    const reviewed =
      scope.years.length === 1 &&
      !twoYears &&
      !ownStory &&
      !TARGET.test(question) &&
      !/(?:前|上|头)一?年/.test(question.replace(YEAR_ZH, '')) &&
      ASKS_RESULT.test(question);
    scope.years = [...new Set(scope.years.map((y) => ((reviewed || !reportYears.has(y)) && reportYears.has(y + 1) ? y + 1 : y)))].sort((a, b) => a - b);
  }

  const a = ARTICLE.exec(question) ?? LAW_ARTICLE.exec(question);
  if (a) {
    const n = parseNumeral(a[1] ?? a[2] ?? a[3]);
    if (n !== undefined && n >= 1 && n <= 1260) scope.article = n;
  }
  return scope;
}

/** The article label as the Civil Code writes it: 1079 -> "第一千零七十九条". */
export function articleLabel(n: number): string {
  return `第${toChineseNumeral(n)}条`;
}

export function isScoped(s: Scope): boolean {
  return s.years.length > 0 || s.kinds.length > 0 || s.book !== undefined || s.article !== undefined;
}

/**
 * Whether a document is inside the scope. A year leaves out only documents dated otherwise: a law has no year, so
 * "我今年22岁能结婚吗" still reaches the Civil Code.
 */
export function inScope(meta: DocMeta, s: Scope): boolean {
  if (s.kinds.length && !s.kinds.includes(meta.kind)) return false;
  if (s.book && meta.book !== s.book) return false;
  if (s.article !== undefined && meta.kind !== 'law') return false;
  if (s.years.length && meta.year !== undefined && !s.years.includes(meta.year)) return false;
  return true;
}

/** Years named by the question that no document of the named (or the main dated) collection has. */
export function missingYears(s: Scope, catalog: readonly CatalogDoc[]): number[] {
  if (!s.years.length) return [];
  const kinds: DocKind[] = s.kinds.length ? s.kinds.filter((k) => k !== 'law') : ['work-report'];
  if (!kinds.length) return [];
  return s.years.filter((y) => !catalog.some((d) => kinds.includes(d.meta.kind) && d.meta.year === y));
}

// How English writes the kind of a place: 洋县 is "Yang County" or "Yangxian".
const PLACE_KINDS: Record<string, string> = { 县: 'county', 市: 'city', 区: 'district', 镇: 'town', 乡: 'township' };

/** A place in pinyin and in English ("洋县" -> "yang county", "yangxian", "yang xian"), by its first readings. */
export function placeInEnglish(place: string, readings: Readings): string[] {
  const chars = [...place];
  const kind = PLACE_KINDS[chars[chars.length - 1]];
  const name = kind ? chars.slice(0, -1) : chars;
  const syllables = name.map((c) => readings.get(c)?.[0]);
  if (!syllables.length || syllables.some((s) => !s)) return [];
  const joined = syllables.join('');
  const suffix = kind ? pinyinKeys(chars[chars.length - 1], readings)[0] : undefined;
  return [...new Set([kind ? `${joined} ${kind}` : joined, ...(suffix ? [`${joined}${suffix}`, `${joined} ${suffix}`] : [])])];
}

function englishPlaces(facts: CatalogFacts, readings: Readings): string[] {
  if (!facts.places.length) return [];
  return (facts.placesInEnglish ??= facts.places.flatMap((p) => placeInEnglish(p, readings)));
}

/** Place names in a local document's title: "洋县召开…" -> 洋县. */
export function placesOf(title: string): string[] {
  return [...title.matchAll(/([\p{Script=Han}]{1,3}?[县市区镇乡])(?=[\p{Script=Han}])/gu)].map((m) => m[1]).filter((p) => p.length >= 2);
}

const SCOPE_WORDS: [RegExp, string[]][] = [
  [/政府工作报告|工作报告/, ['政府', '工作', '报告', '政府工作报告', '工作报告']],
  [/民法典|民法/, ['民法', '法典', '民法典']],
  [/决议/, ['决议', '人大']],
];

/** The words of the question that named its scope: the collection's name, the book, the place. */
export function scopeWordsIn(matchText: string, scope: Scope): string[] {
  const words = SCOPE_WORDS.filter(([re]) => re.test(matchText)).flatMap(([, w]) => w);
  if (scope.book) words.push(scope.book);
  for (const m of matchText.matchAll(/[\p{Script=Han}]{1,3}?[县市]/gu)) if (scope.kinds.includes('local')) words.push(m[0]);
  return words;
}

/** Documents named in 《》 that the corpus does not have: no title holds the name, nor the name a collection's. */
export function missingDocuments(s: Scope, catalog: readonly CatalogDoc[]): string[] {
  return s.documents.filter((name) => !catalog.some((d) => titleForm(d).includes(name) || name.includes(d.meta.collection)));
}
