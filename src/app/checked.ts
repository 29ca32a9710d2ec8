// Every model-written answer is checked sentence by sentence before a citizen sees it: a sentence must be
// supported by the passage it cites (src/guard/support.ts: its numbers, names, titles and most content words are
// in that passage), else it is dropped; when too little is left, the extractive answer is given instead. The
// check wraps the LLM answerer in the composition root (App.open), because the guard layer sits above answer/
// (answer/ cannot import it); App.open wraps it whether it made the answerer from config or was given one.
import { ExtractiveAnswerer } from '../answer/extractive.ts';
import type { AnswerDraft, Answerer, AnswerInput, AnswerOptions } from '../answer/types.ts';
import { renumberCitations } from '../answer/verify.ts';
import { supportedAnswer } from '../guard/support.ts';
import { log } from '../log.ts';
import { matchForm } from '../text/normalize.ts';

export class CheckedAnswerer implements Answerer {
  readonly name: string;

  constructor(
    readonly inner: Answerer,
    private readonly fallback: Answerer = new ExtractiveAnswerer(),
  ) {
    this.name = inner.name;
  }

  async answer(input: AnswerInput, opts: AnswerOptions = {}): Promise<AnswerDraft> {
    const draft = await this.inner.answer(input, opts);
    // Extractive answers are quotes: nothing to check. Refusals say nothing.
    if (draft.source !== 'llm' || !draft.found) return draft;
    const passages = draft.citations.map((c) => c.passage);
    const tokenize = (s: string) => input.context.tokenizer.tokensOfMatchForm(matchForm(s));
    const checked = supportedAnswer(draft.answer, passages, { tokenize, fold: matchForm });
    if (!checked.dropped.length) return draft;
    const droppedCited = checked.dropped.filter((d) => d.sentence.cites.length).length;
    log.info('LLM answer sentences not supported by their passages were dropped', {
      dropped: checked.dropped.map((d) => ({ reason: d.reason, missing: d.missing })),
      kept: checked.kept.length,
    });
    // Too little left: no supported claim, or more unsupported claims than supported ones.
    if (!checked.kept.length || droppedCited > checked.kept.length) {
      log.info('too little of the LLM answer is supported; replying with the extractive answer');
      return this.fallback.answer(input, opts);
    }
    // Dropped sentences may have been the only ones citing a passage: renumber what is still cited.
    const r = renumberCitations(checked.text, passages.length);
    return {
      ...draft,
      answer: r.text,
      citations: r.used.map((old, i) => ({ ...draft.citations[old - 1], n: i + 1 })),
    };
  }
}
