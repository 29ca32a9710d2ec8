// Prometheus metrics of one bot process (prom-client, a registry per bot so tests running several bots in one
// process do not collide): what citizens asked and how it went, how long answers took, what Telegram refused,
// and how many updates were dropped as duplicates. Served at /metrics (health.ts).
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** `fixed`: a fixed reply (greeting, thanks, crisis hotline…), which is neither an answer nor a refusal. */
export type QuestionOutcome = 'answered' | 'refused' | 'fixed' | 'error';

export class BotMetrics {
  readonly registry = new Registry();
  readonly questions = new Counter({ name: 'wenzheng_questions_total', help: 'Questions taken in for answering', registers: [this.registry] });
  readonly outcomes = new Counter({
    name: 'wenzheng_answers_total',
    help: 'Questions by outcome: answered from the documents, refused (not found), fixed (a greeting, crisis or other fixed reply), error',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly intents = new Counter({
    name: 'wenzheng_intents_total',
    help: 'Questions by the intent triage decided (question, eligibility, greeting, crisis, ...)',
    labelNames: ['intent'] as const,
    registers: [this.registry],
  });
  readonly notices = new Counter({
    name: 'wenzheng_notices_total',
    help: 'Change notices after a refresh, by result (sent, failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'wenzheng_answer_seconds',
    help: 'Time from taking a question in to the final answer sent',
    // Offline answers take tens of ms, LLM answers seconds: buckets cover both.
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
    registers: [this.registry],
  });
  readonly llmFallbacks = new Counter({
    name: 'wenzheng_llm_fallbacks_total',
    help: 'Answers that fell back to the extractive answerer while an LLM is configured',
    registers: [this.registry],
  });
  readonly telegram429 = new Counter({
    name: 'wenzheng_telegram_429_total',
    help: 'Bot API calls Telegram answered with 429 Too Many Requests',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  readonly telegramErrors = new Counter({
    name: 'wenzheng_telegram_errors_total',
    help: 'Bot API call attempts that failed otherwise (HTTP status, "network", or "timeout")',
    labelNames: ['method', 'code'] as const,
    registers: [this.registry],
  });
  readonly updates = new Counter({ name: 'wenzheng_updates_total', help: 'Updates received from Telegram', registers: [this.registry] });
  readonly duplicates = new Counter({
    name: 'wenzheng_updates_deduplicated_total',
    help: 'Updates not handled because this or another replica already took them',
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({ name: 'wenzheng_rate_limited_total', help: 'Messages refused by the per-user rate limit', registers: [this.registry] });

  constructor(opts: { defaults?: boolean } = {}) {
    // Process metrics (RSS, event-loop lag, GC) help size replicas.
    if (opts.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: 'wenzheng_' });
  }

  /** One finished question. */
  answered(outcome: QuestionOutcome, seconds: number, llmFallback = false): void {
    this.outcomes.inc({ outcome });
    if (outcome !== 'error') this.latency.observe(seconds);
    if (llmFallback) this.llmFallbacks.inc();
  }

  /** A failed Bot API call (each attempt, so retried 429s count too). */
  apiFailure(method: string, code: number | 'timeout' | undefined): void {
    if (code === 429) this.telegram429.inc({ method });
    else this.telegramErrors.inc({ method, code: code === undefined ? 'network' : String(code) });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
