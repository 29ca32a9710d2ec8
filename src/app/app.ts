// The composition root: config -> live snapshot -> engine + answerer, with a hot swap when a new snapshot
// goes live. Front ends (CLI, chat, Telegram) hold one App and call ask()/search().
import { createAnswerer } from '../answer/create.ts';
import type { CuratedAnswers } from '../answer/curated.ts';
import { LlmAnswerer } from '../answer/llm.ts';
import type { Answerer } from '../answer/types.ts';
import type { Config } from '../config.ts';
import { createEmbeddingProvider } from '../index/embeddings/create.ts';
import { loadSnapshotOrPrevious } from '../index/previous.ts';
import { currentSnapshotName, loadSnapshot } from '../index/snapshot.ts';
import { createChatClient } from '../llm/chat.ts';
import { log } from '../log.ts';
import { createRewriter, type QueryRewriter } from '../retrieve/rewrite.ts';
import type { Retrieval } from '../retrieve/types.ts';
import { lexiconFor } from '../text/lexicon.ts';
import { type AskOptions, ask, corpusSummary } from './ask.ts';
import { CheckedAnswerer } from './checked.ts';
import { curatedAnswerFor, openCurated } from './curated.ts';
import { createEngine, type Engine } from './engine.ts';
import { guardedAsk } from './guard.ts';
import type { GuardedAnswer } from './types.ts';

export interface IndexStatus {
  snapshot: string;
  createdAt: string;
  docs: number;
  chunks: number;
  provider: string;
  titles: string[];
}

export class App {
  private constructor(
    readonly config: Config,
    private current: Engine,
    private currentName: string,
    readonly answerer: Answerer,
    readonly rewriter?: QueryRewriter,
    /** The operator's curated answers (corpus/answers/), checked against every snapshot before they are served. */
    readonly curated?: CuratedAnswers,
  ) {}

  /** Without `answerer`/`rewriter`, both come from config and share one LLM client (none offline). */
  static open(config: Config, answerer?: Answerer, rewriter?: QueryRewriter): App {
    const { engine, name } = App.load(config, true);
    const chat = answerer && rewriter ? undefined : createChatClient(config);
    // The model's sentences are checked against their passages (CheckedAnswerer). A caller's own answerer that is
    // not the LLM one (a test's scripted one) is taken as it is.
    const base = answerer ?? createAnswerer(config, chat);
    const checked = answerer && !(answerer instanceof LlmAnswerer) ? answerer : new CheckedAnswerer(base);
    return new App(config, engine, name, checked, rewriter ?? createRewriter(chat), openCurated(config, lexiconFor(config.lexicon)));
  }

  /**
   * At start (`previousIfDamaged`), a damaged live snapshot does not stop the bot: the previous good one is served
   * with an error in the log. A reload loads only the live one, so a damaged one is reported, not swapped in.
   */
  private static load(config: Config, previousIfDamaged = false): { engine: Engine; name: string } {
    const provider = createEmbeddingProvider(config.embeddings);
    const snap = previousIfDamaged
      ? loadSnapshotOrPrevious(config.indexDir, provider.info, (f) =>
          log.error(
            `the live snapshot ${f.damaged} is damaged (${f.error.message}); serving the previous good snapshot ${f.served} until \`npm run refresh\` rebuilds it`,
          ),
        )
      : loadSnapshot(config.indexDir, provider.info);
    return { engine: createEngine(snap, config, provider), name: snap.manifest.name };
  }

  get engine(): Engine {
    return this.current;
  }

  /**
   * Each call uses the engine live when it starts, so a reload never changes an answer half-way. The guard step
   * comes first: nothing below it (retrieval, the LLM, logs) sees personal data, and the answer's `question` is
   * the redacted form, the only one a front end may log or store.
   */
  ask(question: string, opts: AskOptions = {}): Promise<GuardedAnswer> {
    const engine = this.current;
    // A curated answer (the operator's official wording) comes before retrieval, on the redacted question.
    const step = async (q: string, o: AskOptions) => curatedAnswerFor(this.curated, engine, q) ?? ask(engine, this.answerer, q, o, this.rewriter);
    return guardedAsk(question, opts, step, {
      hotlines: this.config.hotlines,
      examples: () => corpusSummary(engine, 2).terms.map((t) => `${t}是什么？`),
    });
  }

  search(question: string, k?: number): Promise<Retrieval> {
    return this.current.retriever.retrieve(this.current.query(question), k ? { topK: k } : {});
  }

  /** Load the live snapshot if it is not the one in use. Returns true when a new one was swapped in. */
  reload(): boolean {
    const name = currentSnapshotName(this.config.indexDir);
    if (!name || name === this.currentName) return false;
    const { engine, name: loaded } = App.load(this.config);
    this.current = engine;
    this.currentName = loaded;
    return true;
  }

  status(): IndexStatus {
    const m = this.current.manifest;
    return {
      snapshot: m.name,
      createdAt: m.createdAt,
      docs: m.counts.docs,
      chunks: m.counts.chunks,
      provider: `${m.embedding.provider}/${m.embedding.model} (dim ${m.embedding.dim})`,
      titles: m.docs.map((d) => d.title),
    };
  }
}
