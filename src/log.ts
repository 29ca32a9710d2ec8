// Logging goes to stderr only: stdout belongs to the JSON contracts of the CLI (`--json`, `--jsonl`).
// LOG_FORMAT=json writes one JSON object per line (time, level, msg, fields) for a log collector; the default is
// a line for people. Fields are flat: a field named like a reserved key is kept under `fields` instead.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'text' | 'json';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const RESERVED = new Set(['time', 'level', 'msg']);

let threshold: number = ORDER.info;
let format: LogFormat = 'text';

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

export function setLogFormat(f: LogFormat): void {
  format = f;
}

function write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold) return;
  const has = fields && Object.keys(fields).length > 0;
  if (format === 'json') {
    const clash = has && Object.keys(fields).some((k) => RESERVED.has(k));
    const entry = { time: new Date().toISOString(), level, msg, ...(has ? (clash ? { fields } : fields) : {}) };
    process.stderr.write(`${JSON.stringify(entry)}\n`);
    return;
  }
  process.stderr.write(`[${level}] ${msg}${has ? ` ${JSON.stringify(fields)}` : ''}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
