// Document metadata derived at ingest: year, kind and collection, and for laws the book. It is what lets a
// question that names a year, a document or an article be answered from that document only, and what every
// citation shows beside its title ("which year's report?"). Pure: title, path, date and front matter in.
import { parseNumeral } from '../text/numerals.ts';
import type { DocKind, DocMeta } from '../types.ts';

export type { DocKind, DocMeta };

export const COLLECTION_NAMES: Record<Exclude<DocKind, 'other' | 'local'>, string> = {
  'work-report': '国务院政府工作报告',
  'npc-resolution': '全国人大关于政府工作报告的决议',
  law: '民法典',
};

// Years of each session of the early National People's Congresses, which did not meet once a year; from the
// 6th NPC (1983) on, the n-th session of a congress met in its first year + n - 1.
const EARLY_SESSIONS: Record<number, number[]> = {
  1: [1954, 1955, 1956, 1957, 1958],
  2: [1959, 1960, 1962, 1963],
  3: [1964],
  4: [1975],
  5: [1978, 1979, 1980, 1981, 1982],
};
const FIRST_YEAR: Record<number, number> = { 6: 1983, 7: 1988, 8: 1993, 9: 1998, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023, 15: 2028 };

const NPC_SESSION = /第([零〇一二三四五六七八九十\d]+)届全国人民代表大会第([零〇一二三四五六七八九十\d]+)次会议/;
const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年/;
const BOOK = /(总则|物权编|合同编|人格权编|婚姻家庭编|继承编|侵权责任编|附则)/;

/** The year of the NPC session named in a title ("第十三届全国人民代表大会第三次会议" -> 2020). */
export function npcSessionYear(text: string): number | undefined {
  const m = NPC_SESSION.exec(text);
  if (!m) return undefined;
  const congress = parseNumeral(m[1]);
  const session = parseNumeral(m[2]);
  if (!congress || !session) return undefined;
  if (EARLY_SESSIONS[congress]) return EARLY_SESSIONS[congress][session - 1];
  return FIRST_YEAR[congress] !== undefined ? FIRST_YEAR[congress] + session - 1 : undefined;
}

export interface MetaInput {
  path: string;
  title: string;
  date?: string;
  /** Front matter or JSONL fields that override what is derived: kind, collection, year, book. */
  fields?: Record<string, string | undefined>;
}

export function docMetadata(doc: MetaInput): DocMeta {
  const f = doc.fields ?? {};
  const where = `${doc.path} ${doc.title}`;
  let kind: DocKind;
  if (/政府工作报告/.test(doc.title)) kind = /决议/.test(doc.title) ? 'npc-resolution' : 'work-report';
  else if (/民法典/.test(where)) kind = 'law';
  // A county's own notice names the county and what it is ("洋县召开…会议", "…县人民政府关于…的通知"); a title that
  // merely holds 县 or 市 (an encyclopedia entry on a city) is not one.
  else if (/[县縣镇鎮乡鄉]/.test(doc.title) && /召开|召開|会议|會議|通知|意见|意見|方案|县委|縣委|政府|工作/.test(doc.title)) kind = 'local';
  else kind = 'other';
  if (f.kind && isKind(f.kind)) kind = f.kind;

  const meta: DocMeta = { kind, collection: f.collection ?? (kind === 'other' || kind === 'local' ? doc.title : COLLECTION_NAMES[kind]) };
  const year = numberField(f.year) ?? yearOf(doc);
  // Only documents of a dated series (reports, resolutions, local notices) are scoped by year; a law stays in force
  // whatever year it was adopted, and "1998年世界杯" is an encyclopedia entry about a year, not one of a series.
  if (year !== undefined && kind !== 'law' && (kind !== 'other' || f.year !== undefined)) meta.year = year;
  const book = f.book ?? (kind === 'law' ? BOOK.exec(where)?.[1] : undefined);
  if (book) meta.book = book;
  return meta;
}

function yearOf(doc: MetaInput): number | undefined {
  const fromDate = doc.date && /^((?:19|20)\d{2})/.exec(doc.date.trim());
  if (fromDate) return Number(fromDate[1]);
  const fromTitle = YEAR_IN_TITLE.exec(doc.title);
  if (fromTitle) return Number(fromTitle[1]);
  return npcSessionYear(doc.title);
}

function numberField(v: string | undefined): number | undefined {
  return v && /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : undefined;
}

function isKind(v: string): v is DocKind {
  return ['work-report', 'npc-resolution', 'law', 'local', 'other'].includes(v);
}

/** "2019年" / "(2020年决议)" shown after a title in citations, when the title does not already say the year. */
export function yearLabel(title: string, meta: Pick<DocMeta, 'year'>): string | undefined {
  if (meta.year === undefined || title.includes(String(meta.year))) return undefined;
  return `${meta.year}年`;
}
