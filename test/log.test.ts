// Log lines for people by default, one JSON object per line with LOG_FORMAT=json (for a log collector).
import { afterEach, expect, it } from 'vitest';
import { log, setLogFormat } from '../src/log.ts';
import { captureLog } from './helpers/log.ts';

afterEach(() => setLogFormat('text'));

it('writes a readable line by default and a JSON object per line in json format', () => {
  const cap = captureLog();
  try {
    log.info('bot started', { store: 'redis' });
    setLogFormat('json');
    log.warn('update failed', { update_id: 7, msg: 'a field named like a reserved key' });
  } finally {
    cap.restore();
  }
  expect(cap.lines[0]).toBe('[info] bot started {"store":"redis"}\n');
  const entry = JSON.parse(cap.lines[1]);
  expect(entry).toMatchObject({ level: 'warn', msg: 'update failed', fields: { update_id: 7, msg: 'a field named like a reserved key' } });
  expect(Date.parse(entry.time)).toBeGreaterThan(0);
  expect(cap.lines[1].endsWith('}\n')).toBe(true);
});
