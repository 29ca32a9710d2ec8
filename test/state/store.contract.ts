// The one behaviour suite every state store must pass (SQLite and Redis run it from their own test files).
// Each test gets a fresh world with two clients on the same backing store, as two replicas would have.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackInput, StateStore } from '../../src/state/types.ts';

export interface StoreWorld {
  /** Two clients of one store (two replicas, or two processes on one SQLite file). */
  a: StateStore;
  b: StateStore;
  close(): Promise<void>;
}

const TTL = 300; // long enough that a busy machine does not expire things between two calls of one step
const AFTER_TTL = 700;
const DAY = 86_400_000;

const answer = (vote: FeedbackInput['vote']): FeedbackInput => ({
  question: '县长是谁',
  found: true,
  source: 'extractive',
  citations: [{ n: 1, doc: 'seed', title: '工作报告', paragraph: 3 }],
  vote,
});

export function storeContract(name: string, newWorld: () => Promise<StoreWorld>): void {
  describe(`${name} state store (shared contract)`, () => {
    let w: StoreWorld;
    beforeEach(async () => {
      w = await newWorld();
    });
    afterEach(async () => {
      await w.close();
    });

    describe('conversation context', () => {
      it('a follow-up on the other replica sees the previous question', async () => {
        await w.a.contexts.set('42:7', '养老保险怎么交', 60_000);
        expect(await w.b.contexts.get('42:7')).toBe('养老保险怎么交');
        expect(await w.b.contexts.get('42:8')).toBeUndefined();
      });

      it('keeps structured values and forgets them on delete', async () => {
        await w.a.contexts.set('c', { question: '低保', docs: ['a', 'b'] }, 60_000);
        expect(await w.b.contexts.get('c')).toEqual({
          question: '低保',
          docs: ['a', 'b'],
        });
        await w.b.contexts.delete('c');
        expect(await w.a.contexts.get('c')).toBeUndefined();
      });

      it('expires after its time to live, and setting again restarts it', async () => {
        await w.a.contexts.set('gone', 'q1', TTL);
        await w.a.contexts.set('kept', 'q1', TTL);
        await sleep(TTL / 2);
        await w.a.contexts.set('kept', 'q2', 10_000);
        await sleep(AFTER_TTL);
        expect(await w.b.contexts.get('gone')).toBeUndefined();
        expect(await w.b.contexts.get('kept')).toBe('q2');
      });
    });

    describe('rate limit', () => {
      it('allows `limit` hits per window, counts down, then refuses with a wait and warns once', async () => {
        const d = [];
        for (let i = 0; i < 5; i++) d.push(await (i % 2 ? w.b : w.a).limits.hit('u1', 3, 60_000));
        expect(d.map((x) => x.allowed)).toEqual([true, true, true, false, false]);
        expect(d.slice(0, 3).map((x) => x.remaining)).toEqual([2, 1, 0]);
        expect(d[3].retryAfterMs).toBeGreaterThan(50_000);
        expect(d[3].retryAfterMs).toBeLessThanOrEqual(60_000);
        expect(d.slice(3).map((x) => x.firstRefusal)).toEqual([true, false]);
        expect((await w.a.limits.hit('u2', 3, 60_000)).allowed).toBe(true); // another user has their own window
      });

      it('allows again once the window has slid past the old hits', async () => {
        await w.a.limits.hit('u', 1, TTL);
        expect((await w.b.limits.hit('u', 1, TTL)).allowed).toBe(false);
        await sleep(AFTER_TTL);
        const again = await w.b.limits.hit('u', 1, TTL);
        expect(again.allowed).toBe(true);
        expect((await w.a.limits.hit('u', 1, TTL)).firstRefusal).toBe(true); // warned again after an allowed hit
      });

      it('lets exactly `limit` of 50 concurrent hits from two clients through', async () => {
        const hits = Array.from({ length: 50 }, (_, i) => (i % 2 ? w.b : w.a).limits.hit('flood', 7, 60_000));
        const decisions = await Promise.all(hits);
        expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
        expect(decisions.filter((d) => d.firstRefusal)).toHaveLength(1);
      });
    });

    describe('update de-duplication', () => {
      it('claims an update_id for exactly one of many concurrent callers on two clients', async () => {
        const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? w.b : w.a).updates.claim(1001, 60_000)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await w.a.updates.claim(1002, 60_000)).toBe(true);
      });

      it('a released claim (answer failed before sending) can be claimed again, once', async () => {
        expect(await w.a.updates.claim(7, 60_000)).toBe(true);
        await w.a.updates.release(7);
        expect(await w.b.updates.claim(7, 60_000)).toBe(true);
        expect(await w.a.updates.claim(7, 60_000)).toBe(false);
      });

      it('a claim lapses after its time to live', async () => {
        expect(await w.a.updates.claim(9, TTL)).toBe(true);
        await sleep(AFTER_TTL);
        expect(await w.b.updates.claim(9, 60_000)).toBe(true);
      });

      it('tells a confirmed update from a mere lease, and a confirmation outlives the lease', async () => {
        expect(await w.a.updates.claim(11, TTL)).toBe(true);
        expect(await w.b.updates.confirmed(11)).toBe(false);
        await w.a.updates.confirm(11, 60_000);
        expect(await w.b.updates.confirmed(11)).toBe(true);
        await sleep(AFTER_TTL);
        expect(await w.b.updates.claim(11, 60_000)).toBe(false);
        expect(await w.b.updates.confirmed(12)).toBe(false);
      });

      it('a lease whose holder died lapses, so a re-delivery is taken by another replica', async () => {
        expect(await w.a.updates.claim(13, TTL)).toBe(true);
        expect(await w.b.updates.claim(13, TTL)).toBe(false);
        await sleep(AFTER_TTL);
        expect(await w.b.updates.claim(13, 60_000)).toBe(true);
        await w.b.updates.confirm(13, 60_000);
        expect(await w.a.updates.confirmed(13)).toBe(true);
      });
    });

    describe('callback data', () => {
      it('gives a short id that fits callback_data, readable from the other client, until it expires', async () => {
        const id = await w.a.callbacks.put({ answer: { question: '低保', citations: [1, 2] } }, TTL);
        expect(id).toMatch(/^[A-Za-z0-9_-]{1,16}$/);
        expect(await w.b.callbacks.get(id)).toEqual({
          answer: { question: '低保', citations: [1, 2] },
        });
        expect(await w.b.callbacks.get('nope')).toBeUndefined();
        await sleep(AFTER_TTL);
        expect(await w.b.callbacks.get(id)).toBeUndefined();
      });

      it('gives distinct ids', async () => {
        const ids = await Promise.all(Array.from({ length: 50 }, () => w.a.callbacks.put(1, 60_000)));
        expect(new Set(ids).size).toBe(50);
      });
    });

    describe('feedback', () => {
      it('a second vote by the same voter changes the first; another voter adds one', async () => {
        const target = {
          answerId: 'ans1',
          voter: 'hash-of-user-1',
          ttlMs: 60_000,
        };
        expect(await w.a.feedback.vote(target, answer('up'))).toBe('added');
        expect(await w.b.feedback.vote(target, answer('down'))).toBe('changed');
        expect(await w.a.feedback.vote({ ...target, voter: 'hash-of-user-2' }, { ...answer('up'), questionId: 'q1' })).toBe('added');
        expect(await w.b.feedback.counts()).toEqual({ up: 1, down: 1 });
        const rows = await w.a.feedback.list();
        expect(rows.map((r) => r.vote)).toEqual(['down', 'up']);
        expect(rows[0]).toMatchObject({
          question: '县长是谁',
          found: true,
          source: 'extractive',
          citations: answer('up').citations,
        });
        expect(rows[1].questionId).toBe('q1');
        expect(JSON.stringify(rows)).not.toContain('hash-of-user'); // nothing about the voter in the rows
      });
    });

    describe('question log and retention', () => {
      it('lists questions since a time and purges those older than the retention', async () => {
        const now = Date.now();
        const base = {
          docs: ['seed'],
          latencyMs: 12.4,
          chatKind: 'private' as const,
          userHash: 'h1',
        };
        await w.a.questions.record({
          ...base,
          at: now - 10 * DAY,
          text: '旧问题',
          outcome: 'refused',
        });
        const id = await w.b.questions.record({
          ...base,
          text: '新问题',
          outcome: 'answered',
          lang: 'zh',
        });
        expect((await w.a.questions.since(now - 30 * DAY)).map((q) => q.text)).toEqual(['旧问题', '新问题']);
        const recent = await w.a.questions.since(now - DAY);
        expect(recent).toEqual([
          {
            id,
            at: expect.any(Number),
            text: '新问题',
            outcome: 'answered',
            docs: ['seed'],
            latencyMs: 12,
            chatKind: 'private',
            userHash: 'h1',
            lang: 'zh',
          },
        ]);
        await w.a.feedback.vote({ answerId: 'x', voter: 'v', ttlMs: 60_000 }, answer('down'));
        expect(await w.b.purge(7 * DAY)).toBe(1); // the old question; today's vote stays
        expect((await w.a.questions.since(0)).map((q) => q.text)).toEqual(['新问题']);
        await sleep(5); // purge(0) takes what is older than now: step past the millisecond the rows were written in
        expect(await w.a.purge(0)).toBe(2);
        expect(await w.a.feedback.list()).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('adds once, lists by owner and in all, removes', async () => {
        expect(
          await w.a.subscriptions.add('chat-1', 'topic-a', {
            question: '低保',
            passages: ['seed#3'],
          }),
        ).toBe(true);
        expect(await w.b.subscriptions.add('chat-1', 'topic-a', { other: true })).toBe(false);
        await w.a.subscriptions.add('chat-2', 'topic-b', null);
        const mine = await w.b.subscriptions.list('chat-1');
        expect(mine).toEqual([
          {
            owner: 'chat-1',
            id: 'topic-a',
            data: { question: '低保', passages: ['seed#3'] },
            createdAt: expect.any(Number),
          },
        ]);
        expect((await w.a.subscriptions.all()).map((s) => `${s.owner}/${s.id}`)).toEqual(['chat-1/topic-a', 'chat-2/topic-b']);
        expect(await w.a.subscriptions.remove('chat-1', 'topic-a')).toBe(true);
        expect(await w.a.subscriptions.remove('chat-1', 'topic-a')).toBe(false);
        expect(await w.b.subscriptions.list('chat-1')).toEqual([]);
      });
    });

    it('answers ping, and close is idempotent', async () => {
      await expect(w.a.ping()).resolves.toBeUndefined();
      await w.a.close();
      await w.a.close();
    });
  });
}
