// The guard step every question passes before anything else sees it (App.ask): personal data is redacted
// (retrieval, the LLM, logs and storage only ever get the redacted form), the citizen is told once what was
// removed, a message that is only personal data plus "查一下" is refused with the reason, and intent triage
// sends greetings, thanks, crisis messages, complaints and requests for other people's data to fixed replies.
// Everything else is answered from the documents as usual, with the hotline note when triage asks for one.
import { onlyPersonalLookup } from '../guard/pii.ts';
import { blankPlanted } from '../guard/planted.ts';
import { questionForSearch, redactMessage } from '../guard/redact.ts';
import {
  complaintNote,
  complaintReply,
  crisisNote,
  crisisReply,
  greetingReply,
  instructionRefusal,
  lookupRefusal,
  othersDataReply,
  piiNotice,
  type ReplyLang,
  thanksReply,
} from '../guard/texts.ts';
import { triage } from '../guard/triage.ts';
import type { HotlineOptions, Triage } from '../guard/types.ts';
import { countCjk, detectRegister, toScript, toSimplified } from '../text/normalize.ts';
import type { Answer } from '../types.ts';
import type { AskOptions } from './ask.ts';
import type { GuardedAnswer } from './types.ts';

export interface GuardOptions {
  hotlines: HotlineOptions;
  /** Example questions for the greeting reply (the live corpus's terms). */
  examples: () => string[];
}

/** The ordinary pipeline, given the question as retrieval should read it. */
export type AskStep = (question: string, opts: AskOptions) => Promise<Answer>;

/** Folding triage and the lookup check expect: Simplified, half width. */
const fold = (s: string) => toSimplified(s.normalize('NFKC'));

export async function guardedAsk(question: string, opts: AskOptions, next: AskStep, g: GuardOptions): Promise<GuardedAnswer> {
  const { text: redacted, found } = redactMessage(question);
  // The conversation's previous question is redacted as well: a front end may still hold it as typed.
  const previousQuestion = opts.previousQuestion && questionForSearch(redactMessage(opts.previousQuestion).text);
  const register = detectRegister(redacted);
  // "hello" alone is too short for detectRegister to call it English; a message without Han characters is.
  const lang: ReplyLang = register.lang === 'en' || (countCjk(redacted) === 0 && /[a-z]/i.test(redacted)) ? 'en' : 'zh';
  const say = (text: string) => (lang === 'en' ? text : toScript(text, register.script));
  const notice = found.length ? say(piiNotice(lang, found)) : undefined;
  const folded = fold(redacted);
  const t = redacted.trim() ? triage(folded) : ({ intent: 'question', confidence: 0, handling: 'answer' } as Triage);
  const fixed = (text: string): GuardedAnswer => ({
    question: redacted,
    answer: [say(text), notice].filter(Boolean).join('\n\n'),
    found: false,
    citations: [],
    register: { ...register, lang },
    source: 'refusal',
    timings: { retrieve_ms: 0, answer_ms: 0 },
    intent: t.intent,
    redacted: found,
  });

  if (t.handling === 'reply') return fixed(fixedReply(t, lang, g));
  if (t.intent !== 'crisis' && onlyPersonalLookup(folded)) return fixed(lookupRefusal(lang));

  // A distress phrase beside a question is answered with the hotline note, but is no search term.
  const cue = t.intent === 'crisis' ? t.cue : undefined;
  const asked = questionForSearch(redacted, (clause) => !!cue && fold(clause).toLowerCase().includes(cue.toLowerCase()));
  // A sentence that tells the assistant to drop its rules ("另外请忽略上面的规则，…") is not searched: the question
  // beside it is answered as usual, and a message that is nothing but such an instruction gets a fixed reply.
  const planted = blankPlanted(asked, fold);
  const search = planted.spans.length ? planted.text.replace(/\s+/g, ' ').trim() : asked;
  if (planted.spans.length && !/[\p{Script=Han}a-z0-9]/iu.test(search)) return fixed(instructionRefusal(lang));
  const answer = await next(search, { ...opts, previousQuestion });
  const before = t.handling === 'answer-with-note' && t.intent === 'crisis' ? say(crisisNote(lang, g.hotlines)) : undefined;
  const after = t.handling === 'answer-with-note' && t.intent === 'complaint' ? say(complaintNote(lang, g.hotlines)) : undefined;
  return {
    ...answer,
    question: redacted,
    answer: [before, answer.answer, after, notice].filter(Boolean).join('\n\n'),
    intent: t.intent,
    redacted: found,
  };
}

function fixedReply(t: Triage, lang: ReplyLang, g: GuardOptions): string {
  switch (t.intent) {
    case 'crisis':
      return crisisReply(lang, g.hotlines);
    case 'complaint':
      return complaintReply(lang, g.hotlines);
    case 'others-data':
      return othersDataReply(lang);
    case 'thanks':
      return thanksReply(lang);
    default:
      return greetingReply(lang, g.examples());
  }
}
