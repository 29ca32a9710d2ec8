// The one place that reads the environment. Every option has a default that works offline;
// invalid values fail fast with a ConfigError naming the variable.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const num = (def: number, min = 0, max = Number.MAX_VALUE) => z.coerce.number().min(min).max(max).default(def);
const optStr = () =>
  z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : ['true', '1', 'yes'].includes(v)));
const idList = () =>
  optStr()
    .refine((v) => (v ?? '').split(/[\s,]+/).every((s) => s === '' || /^-?\d+$/.test(s)), 'must be comma-separated numeric Telegram user ids')
    .transform((v) =>
      (v ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
    );

// A number quoted to citizens in a fixed reply: digits, spaces and hyphens only, so a typo cannot slip text in.
const phone = (def: string) =>
  z
    .string()
    .trim()
    .regex(/^\+?\d[\d -]{1,18}\d$/, 'must be a phone number (digits, spaces, hyphens)')
    .default(def);

/** Environment variable -> schema. Names here are the documented interface (README, .env.example). */
const envSchema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_DIR: z.string().default('index'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  CHUNK_SIZE: int(300, 50),
  CHUNK_OVERLAP: int(60, 0),
  TOP_K: int(5, 1),
  RETRIEVE_CANDIDATES: int(50, 1),
  FUSION: z.enum(['rsf', 'rrf']).default('rsf'),
  FUSION_K: num(60, 1),
  FUSION_LEXICAL_WEIGHT: num(1, 0),
  FUSION_VECTOR_WEIGHT: num(0.5, 0),
  MIN_COVERAGE: num(0.2, 0, 1),
  MIN_VECTOR_SCORE: num(0.55, 0, 1),
  KEEP_SNAPSHOTS: int(3, 1),
  LEXICON_FILE: optStr(),

  EMBEDDINGS_PROVIDER: z.enum(['hash', 'openai', 'transformers']).default('hash'),
  EMBEDDINGS_DIM: int(1024, 16),
  EMBEDDINGS_BASE_URL: optStr(),
  EMBEDDINGS_API_KEY: optStr(),
  EMBEDDINGS_MODEL: optStr(),
  EMBEDDINGS_BATCH_SIZE: int(32, 1),
  EMBEDDINGS_MAX_RETRIES: int(3, 0),
  EMBEDDINGS_TIMEOUT_MS: int(30000, 100),

  LLM_BASE_URL: optStr(),
  LLM_API_KEY: optStr(),
  LLM_MODEL: optStr(),
  LLM_TEMPERATURE: num(0.1, 0, 2),
  LLM_TIMEOUT_MS: int(20000, 100),
  LLM_STREAM: bool(true),

  TELEGRAM_BOT_TOKEN: optStr(),
  TELEGRAM_API_ROOT: optStr(),
  TELEGRAM_TIMEOUT_MS: int(15000, 100),
  WEBHOOK_URL: optStr(),
  WEBHOOK_PORT: int(8443, 1),
  WEBHOOK_SECRET: optStr(),
  ADMIN_IDS: idList(),
  MAX_QUESTION_CHARS: int(500, 10),
  RATE_LIMIT_PER_MINUTE: int(12, 1),
  CONTEXT_TTL_SECONDS: int(600, 0),

  HOTLINE_CRISIS: phone('12356'),
  HOTLINE_POLICE: phone('110'),
  HOTLINE_AMBULANCE: phone('120'),
  HOTLINE_SERVICE: phone('12345'),
  REFRESH_MAX_SHRINK: num(0.5, 0, 1),
  // Running as a service (issue 11): shared state, health and metrics, draining.
  REDIS_URL: optStr().refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
  STATE_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (1-64)')
    .default('wenzheng'),
  WEBHOOK_HOST: z.string().default('0.0.0.0'),
  // 0: any free port (tests); empty or unset: no separate port.
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  DRAIN_SECONDS: num(10, 0, 600),
  UPDATE_LEASE_SECONDS: num(15, 0.1, 600),
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  ANSWER_CONCURRENCY: int(8, 1),
  // The operator loop (issue 14): retention, the gap report, curated answers, the way to a person.
  QUESTION_RETENTION_DAYS: int(90, 1),
  REPORT_DAYS: int(28, 1),
  CURATED_MIN_SIMILARITY: num(0.6, 0, 1),
  OFFICIAL_CHANNEL: optStr(),
  // Key of the hash that stands for a user in the question log; unset: one is made and kept in DATA_DIR.
  USER_HASH_KEY: optStr(),
});

/** The way to a person when the documents do not answer; an operator sets the county's own. */
export const DEFAULT_OFFICIAL_CHANNEL = '12345 政务服务便民热线（拨打 12345），或县政务服务网“我要咨询”栏目';

export type Env = Record<string, string | undefined>;

export interface Config {
  corpusDir: string;
  indexDir: string;
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** `json`: one JSON object per log line (for a log collector); `text`: for people. */
  logFormat: 'text' | 'json';
  chunk: { size: number; overlap: number };
  retrieve: {
    topK: number;
    candidates: number;
    fusion: 'rsf' | 'rrf';
    fusionK: number;
    lexicalWeight: number;
    vectorWeight: number;
    minCoverage: number;
    minVectorScore: number;
  };
  keepSnapshots: number;
  /** The citizen vocabulary: the shipped lexicon/ plus an operator's file, whose lines replace shipped ones. */
  lexicon: { file?: string };
  /** Refuse a refresh that loses more than this share of the live documents (any loss of all of them too). */
  maxShrink: number;
  /** Numbers quoted in the fixed replies to crisis messages and complaints (src/guard/texts.ts). */
  hotlines: { psychological: string; police: string; ambulance: string; government: string };
  embeddings: {
    provider: 'hash' | 'openai' | 'transformers';
    dim: number;
    baseUrl?: string;
    apiKey?: string;
    model?: string;
    batchSize: number;
    maxRetries: number;
    timeoutMs: number;
  };
  llm?: { baseUrl: string; apiKey?: string; model: string; temperature: number; timeoutMs: number; stream: boolean };
  telegram: {
    token?: string;
    apiRoot?: string;
    /** Deadline of one Bot API call (a long poll gets its timeout plus a margin). */
    timeoutMs: number;
    webhookUrl?: string;
    webhookPort: number;
    webhookSecret?: string;
    adminIds: number[];
    maxQuestionChars: number;
    rateLimitPerMinute: number;
    contextTtlSeconds: number;
  };
  service: {
    /** Set: state in Redis, shared by replicas. Unset: SQLite in dataDir. */
    redisUrl?: string;
    /** Separates bots sharing one Redis. */
    stateNamespace: string;
    /** The interface the webhook server listens on. */
    webhookHost: string;
    /** /healthz, /readyz and /metrics on their own port (polling mode has no other); unset: none (webhook mode
     * serves them on the webhook port). */
    metricsPort?: number;
    /** How long a stopping bot lets answers in flight finish. */
    drainMs: number;
    /** How long a replica holds an update it is taking in before it confirms it; a dead replica's lease lapses. */
    updateLeaseMs: number;
    /** Updates answered at once by one process; the rest wait, so CPU-bound answers never delay the webhook's 200. */
    answerConcurrency: number;
  };
  loop: {
    /** Question-log and feedback rows older than this are deleted (at report time and daily by the bot). */
    retentionDays: number;
    /** The gap report looks at this many days back. */
    reportDays: number;
    /** Curated answers: `<corpusDir>/answers`, never indexed as documents. */
    curatedDir: string;
    /** Token-set Jaccard a question needs with a curated question or variant to get that answer. */
    curatedMinSimilarity: number;
    officialChannel: string;
    /** USER_HASH_KEY: secret key of the user hash in the question log; unset: the bot keeps one in DATA_DIR. */
    userHashKey?: string;
  };
}

/** Parse and validate. `env` defaults to process.env; relative paths resolve against `cwd`. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.CHUNK_OVERLAP >= e.CHUNK_SIZE) {
    throw new ConfigError(`CHUNK_OVERLAP (${e.CHUNK_OVERLAP}) must be smaller than CHUNK_SIZE (${e.CHUNK_SIZE})`);
  }
  if (e.EMBEDDINGS_PROVIDER === 'openai' && (!e.EMBEDDINGS_BASE_URL || !e.EMBEDDINGS_MODEL)) {
    throw new ConfigError('EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL (the model is recorded in the index)');
  }
  if (e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError('LLM_BASE_URL is set but LLM_MODEL is not: name the model to use');
  }
  return {
    corpusDir: resolve(cwd, e.CORPUS_DIR),
    indexDir: resolve(cwd, e.INDEX_DIR),
    dataDir: resolve(cwd, e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    chunk: { size: e.CHUNK_SIZE, overlap: e.CHUNK_OVERLAP },
    retrieve: {
      topK: e.TOP_K,
      candidates: Math.max(e.RETRIEVE_CANDIDATES, e.TOP_K),
      fusion: e.FUSION,
      fusionK: e.FUSION_K,
      lexicalWeight: e.FUSION_LEXICAL_WEIGHT,
      vectorWeight: e.FUSION_VECTOR_WEIGHT,
      minCoverage: e.MIN_COVERAGE,
      minVectorScore: e.MIN_VECTOR_SCORE,
    },
    keepSnapshots: e.KEEP_SNAPSHOTS,
    lexicon: { file: e.LEXICON_FILE ? resolve(cwd, e.LEXICON_FILE) : undefined },
    maxShrink: e.REFRESH_MAX_SHRINK,
    hotlines: { psychological: e.HOTLINE_CRISIS, police: e.HOTLINE_POLICE, ambulance: e.HOTLINE_AMBULANCE, government: e.HOTLINE_SERVICE },
    embeddings: {
      provider: e.EMBEDDINGS_PROVIDER,
      dim: e.EMBEDDINGS_DIM,
      baseUrl: e.EMBEDDINGS_BASE_URL,
      apiKey: e.EMBEDDINGS_API_KEY,
      model: e.EMBEDDINGS_MODEL,
      batchSize: e.EMBEDDINGS_BATCH_SIZE,
      maxRetries: e.EMBEDDINGS_MAX_RETRIES,
      timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
    },
    llm: e.LLM_BASE_URL
      ? {
          baseUrl: e.LLM_BASE_URL,
          apiKey: e.LLM_API_KEY,
          model: e.LLM_MODEL!,
          temperature: e.LLM_TEMPERATURE,
          timeoutMs: e.LLM_TIMEOUT_MS,
          stream: e.LLM_STREAM,
        }
      : undefined,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      timeoutMs: e.TELEGRAM_TIMEOUT_MS,
      webhookUrl: e.WEBHOOK_URL,
      webhookPort: e.WEBHOOK_PORT,
      webhookSecret: e.WEBHOOK_SECRET,
      adminIds: e.ADMIN_IDS,
      maxQuestionChars: e.MAX_QUESTION_CHARS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      contextTtlSeconds: e.CONTEXT_TTL_SECONDS,
    },
    service: {
      redisUrl: e.REDIS_URL,
      stateNamespace: e.STATE_NAMESPACE,
      webhookHost: e.WEBHOOK_HOST,
      metricsPort: e.METRICS_PORT,
      drainMs: Math.round(e.DRAIN_SECONDS * 1000),
      updateLeaseMs: Math.round(e.UPDATE_LEASE_SECONDS * 1000),
      answerConcurrency: e.ANSWER_CONCURRENCY,
    },
    loop: {
      retentionDays: e.QUESTION_RETENTION_DAYS,
      reportDays: e.REPORT_DAYS,
      curatedDir: resolve(cwd, e.CORPUS_DIR, 'answers'),
      curatedMinSimilarity: e.CURATED_MIN_SIMILARITY,
      officialChannel: e.OFFICIAL_CHANNEL ?? DEFAULT_OFFICIAL_CHANNEL,
      userHashKey: e.USER_HASH_KEY,
    },
  };
}

/** For the process edges (CLI, bot): read `.env` quietly (dotenv's banner would pollute stdout), then parse. */
export async function loadConfigFromProcess(): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return loadConfig(process.env);
}
