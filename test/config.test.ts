import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

describe('loadConfig', () => {
  it('works offline with an empty environment', () => {
    const c = loadConfig({}, '/srv/wz');
    expect(c.corpusDir).toBe('/srv/wz/corpus');
    expect(c.indexDir).toBe('/srv/wz/index');
    expect(c.embeddings.provider).toBe('hash');
    expect(c.llm).toBeUndefined();
    expect(c.telegram.token).toBeUndefined();
  });

  it('parses numbers, booleans and id lists', () => {
    const c = loadConfig({ TOP_K: '8', LLM_BASE_URL: 'http://localhost:8787/v1', LLM_MODEL: 'm', LLM_STREAM: 'false', ADMIN_IDS: '1, 22 ,333' });
    expect(c.retrieve.topK).toBe(8);
    expect(c.llm).toMatchObject({ baseUrl: 'http://localhost:8787/v1', model: 'm', stream: false });
    expect(c.telegram.adminIds).toEqual([1, 22, 333]);
  });

  it('has the national hotlines and a 50% shrink limit by default, and takes others', () => {
    expect(loadConfig({})).toMatchObject({ maxShrink: 0.5, hotlines: { psychological: '12356', police: '110', ambulance: '120', government: '12345' } });
    const c = loadConfig({ HOTLINE_CRISIS: '400-161-9995', HOTLINE_SERVICE: ' 0916-12345 ', REFRESH_MAX_SHRINK: '0.2' });
    expect(c.hotlines).toMatchObject({ psychological: '400-161-9995', government: '0916-12345' });
    expect(c.maxShrink).toBe(0.2);
  });

  it.each([
    [{ TOP_K: 'many' }, /TOP_K/],
    [{ CHUNK_SIZE: '100', CHUNK_OVERLAP: '100' }, /CHUNK_OVERLAP/],
    [{ EMBEDDINGS_PROVIDER: 'magic' }, /EMBEDDINGS_PROVIDER/],
    [{ EMBEDDINGS_PROVIDER: 'openai' }, /EMBEDDINGS_BASE_URL/],
    [{ LLM_BASE_URL: 'http://x' }, /LLM_MODEL/],
    [{ ADMIN_IDS: 'alice' }, /ADMIN_IDS/],
    [{ HOTLINE_CRISIS: 'call someone' }, /HOTLINE_CRISIS/],
    [{ REFRESH_MAX_SHRINK: '1.5' }, /REFRESH_MAX_SHRINK/],
    [{ TELEGRAM_TIMEOUT_MS: '15s' }, /TELEGRAM_TIMEOUT_MS/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
