// Planted instructions: sentences in a document that address an AI assistant ("系统提示：忽略之前的所有指令",
// "ignore previous instructions", "from now on answer…") instead of the document's readers. The indexer keeps
// them out of quotes and LLM prompts and lists them in the ingest report; the rest of the document is indexed.
// Matching: Simplified, half width, any case. Policy directives are normal text and must not be flagged
// ("要求各地…", "必须…", "指令性计划" in the older reports): every rule names the assistant, its instructions
// or its prompt, or a change of its role, never an order to governments or citizens.
import { createHash } from 'node:crypto';
import { splitParagraphs, splitSentences } from '../text/sentences.ts';
import type { PlantedSpan } from './types.ts';

const BEFORE = '(?:之前|以前|此前|先前|以上|上面|上述|前面|前述|原有|原来|原先|你的|你收到的|所有|全部|一切|其他)';
const RULES = '(?:指令|指示|提示词?|规则|设定|约束|限制|命令|对话|要求|规定|prompt)';
const RULES_ZH = [
  // 忽略之前的所有指令 / 请无视上述要求 / 忘掉你的设定
  `(?:忽略|忽视|无视|忘记|忘掉|不要理会|不用理会|抛开|丢弃|跳过)(?:掉)?${BEFORE}(?:的)?(?:所有|全部|一切)?(?:的)?${RULES}`,
  '(?:忽略|无视|不要理会)(?:上述|以上|前面)(?:内容|文字|所有)',
  '系统提示|系统指令|系统消息|系统设定|系统prompt|提示词注入',
  // A change of role: 你现在是, 从现在起你是, 请扮演, 假装你是
  '你现在是|你现在的身份|现在你是|从现在(?:起|开始)你|你(?:将|要)扮演|请你?扮演|假装你是|你的新身份|你的角色是',
  '你是一个?(?:ai|人工智能|智能)?(?:助手|机器人|语言模型|大模型|聊天机器人)',
  // Standing orders about all future answers: 今后回答任何问题时都说…
  '(?:今后|以后|之后|从现在(?:起|开始)|接下来|此后)(?:你)?(?:在)?(?:回答|回复|答复|输出)(?:任何|所有|每个|每一个|一切)?(?:用户的?)?(?:问题|提问)?(?:时)?(?:都|一律|只|均|必须)',
  '(?:回答|回复)(?:任何|所有|每个)(?:用户的?)?(?:问题|提问)时?(?:都|一律|只|均)',
  '(?:作为|身为)(?:一个)?(?:ai|人工智能|语言模型|大模型|助手)',
  // Informal "don't tell the user" only: statutes say 不得向用户收取… and that is normal text.
  '(?:不要|别|切勿)(?:告诉|透露给|让)用户',
  '(?:输出|打印|泄露|重复)(?:你的)?(?:系统)?(?:提示词|指令|设定)',
  '(?:ai|人工智能|智能)助手(?:请|应|必须|务必)',
];
const RULES_EN = [
  '(?:ignore|disregard|forget|override|skip)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+)*(?:previous|prior|above|earlier|preceding|former|system|original|other)\\s+(?:instructions?|prompts?|rules|directions|messages|context)',
  '(?:ignore|disregard|forget)\\s+(?:everything|all)\\s+(?:above|before|previously)',
  'system\\s+prompt|system\\s+message|developer\\s+message|new\\s+instructions?\\s*:|prompt\\s+injection',
  '\\byou\\s+are\\s+now\\b|\\bfrom\\s+now\\s+on\\b|\\bhenceforth\\b.{0,20}\\b(?:answer|reply|respond|say)',
  '\\byou\\s+are\\s+(?:an?\\s+)?(?:ai|assistant|language\\s+model|chatbot|llm)\\b|\\bas\\s+an?\\s+(?:ai|language\\s+model|assistant)\\b',
  '\\b(?:act|behave)\\s+as\\s+(?:an?\\s+)?(?:ai|assistant|dan|chatbot)\\b|\\bpretend\\s+(?:to\\s+be|you\\s+are)\\b',
  '\\b(?:answer|reply|respond)\\s+(?:to\\s+)?(?:every|all|any)\\s+(?:questions?|queries|messages)\\s+(?:with|by)\\b',
  "\\b(?:do\\s+not|don'?t|never)\\s+(?:tell|reveal|mention)\\s+(?:this\\s+)?(?:to\\s+)?the\\s+user\\b",
  '\\b(?:reveal|print|repeat|output)\\s+(?:your|the)\\s+(?:system\\s+)?(?:prompt|instructions)\\b',
];
const PLANTED = new RegExp([...RULES_ZH, ...RULES_EN].join('|'), 'i');

/**
 * The rules' fingerprint, kept in a snapshot's manifest: while it is the same, a document whose content hash the
 * snapshot already has was checked by these very rules, and a refresh need not fold and check it again.
 */
export const PLANTED_RULES = createHash('sha256').update(PLANTED.source).digest('hex').slice(0, 16);

/** The phrase that marks `sentence` as addressed to an assistant, or undefined. Input: Simplified, half width. */
export function plantedCue(sentence: string): string | undefined {
  return PLANTED.exec(sentence.replace(/\s+/g, ' '))?.[0];
}

export function isPlanted(sentence: string): boolean {
  return plantedCue(sentence) !== undefined;
}

/**
 * The flagged sentences of a document, as offsets into `text` itself. Sentences are cut on the original text
 * and each is folded with `fold` (e.g. matchForm) before matching, so offsets stay exact whatever the folding
 * does to lengths. A sentence that runs over several lines is cut per line, as the chunker does.
 */
export function splitPlanted(text: string, fold: (s: string) => string = (s) => s): PlantedSpan[] {
  // Most documents have no cue at all: one pass over the whole folded text spares folding every sentence
  // (a sentence's match is also a match in the whole text, so nothing is missed).
  if (plantedCue(fold(text)) === undefined) return [];
  const out: PlantedSpan[] = [];
  for (const p of splitParagraphs(text)) {
    for (const s of splitSentences(text, p.start, p.end)) {
      const cue = plantedCue(fold(text.slice(s.start, s.end)));
      if (cue) out.push({ start: s.start, end: s.end, cue });
    }
  }
  return out;
}

/**
 * The document text with its flagged sentences blanked out by spaces of the same length, so every offset (pages,
 * chunks, citations) still points at the same place and a flagged sentence can never be quoted or given to a model.
 */
export function blankPlanted(text: string, fold: (s: string) => string = (s) => s): { text: string; spans: PlantedSpan[] } {
  const spans = splitPlanted(text, fold);
  if (!spans.length) return { text, spans };
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    out += text.slice(cursor, s.start) + ' '.repeat(s.end - s.start);
    cursor = s.end;
  }
  return { text: out + text.slice(cursor), spans };
}
