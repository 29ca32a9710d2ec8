// Retrieval as the ask use case does it: two questions in one are each retrieved on their own.
import { describe, expect, it } from 'vitest';
import { retrieveWithContext } from '../../src/app/ask.ts';
import { useShippedApp } from '../helpers/shipped-app.ts';

const ctx = useShippedApp();

describe('two questions in one', () => {
  it('leads with the best passage of each question the documents answer', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('法定结婚年龄是多少？遗嘱有哪些形式？'));
    expect(r.relevant).toBe(true);
    const top = r.hits.slice(0, 2).map((h) => h.chunk.text);
    expect(top.some((t) => t.includes('结婚年龄'))).toBe(true);
    expect(top.some((t) => t.includes('遗嘱'))).toBe(true);
  });

  it('keeps the part the documents do not answer from adding passages', async () => {
    const engine = ctx.app.engine;
    const r = await retrieveWithContext(engine, engine.query('法定结婚年龄是多少？怎么申请办理护照？'));
    expect(r.relevant).toBe(true);
    expect(r.hits[0].chunk.text).toContain('结婚年龄');
  });
});
