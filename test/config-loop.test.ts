// The operator-loop settings (issue 14) in src/config.ts: defaults, validation, and where curated answers live.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

describe('operator-loop configuration', () => {
  it('keeps questions 90 days, reports 28, and looks for curated answers in <corpus>/answers', () => {
    const c = loadConfig({ CORPUS_DIR: 'docs-in' }, '/srv/wz');
    expect(c.loop).toMatchObject({ retentionDays: 90, reportDays: 28, curatedMinSimilarity: 0.6, curatedDir: join('/srv/wz', 'docs-in', 'answers') });
    expect(c.loop.officialChannel).toContain('12345');
  });

  it.each([
    ['QUESTION_RETENTION_DAYS', '0'],
    ['REPORT_DAYS', 'x'],
    ['CURATED_MIN_SIMILARITY', '1.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
