// Inline mode: `@bot 问题` in any chat offers one result, the short answer with its first citation and passage
// (inlineArticle), so a citizen can post a cited answer into a family group. Rate-limited like messages;
// nothing is stored: Telegram sends a query at every pause in typing, so logging them would log half-words.
import type { Context } from 'telegraf';
import { inlineArticle } from '../app/inline.ts';
import { checkRate } from './ratelimit.ts';
import type { BotServices } from './services.ts';

/** Telegram may cache a result per query text for everyone; answers change with the snapshot, so briefly. */
const CACHE_SECONDS = 60;

export async function onInlineQuery(ctx: Context, s: BotServices): Promise<void> {
  const query = ctx.inlineQuery!;
  const q = query.query.trim();
  if (!q || [...q].length > s.settings.maxQuestionChars) return void (await ctx.answerInlineQuery([], { cache_time: CACHE_SECONDS }));
  const decision = await checkRate(s, query.from.id);
  if (decision.kind !== 'ok') return void (await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true }));
  const answer = await s.app.ask(q);
  s.metrics.intents.inc({ intent: answer.intent });
  const article = inlineArticle(answer);
  const results = article
    ? [
        {
          type: 'article' as const,
          id: article.id,
          title: article.title,
          description: article.description,
          input_message_content: { message_text: article.messageText, link_preview_options: { is_disabled: true } },
        },
      ]
    : [];
  await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS });
}
