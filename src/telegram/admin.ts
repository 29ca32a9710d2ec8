// Operator commands, allowed only to the Telegram user ids in ADMIN_IDS: /reload picks up a new index snapshot
// (the live one stays in use when loading fails), /status shows what the bot is serving.
import type { Context } from 'telegraf';
import { buildReport } from '../app/report/build.ts';
import { renderGapsText } from '../app/report/text.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { sendParts } from './send.ts';
import type { BotServices } from './services.ts';
import { uiTexts } from './texts.ts';
import { textView } from './views.ts';

export function isAdmin(ctx: Context, s: BotServices): boolean {
  return ctx.from !== undefined && s.settings.adminIds.includes(ctx.from.id);
}

/** `reload` is the bot's, which also sends the change notices of the new snapshot. */
export async function reloadCommand(ctx: Context, s: BotServices, reload: () => boolean = () => s.app.reload()): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  if (!isAdmin(ctx, s)) return sendParts(ctx, textView(t.adminOnly));
  let text: string;
  try {
    const loaded = reload();
    const st = s.app.status();
    text = loaded ? t.reloaded(st.snapshot, st.docs, st.chunks) : t.notReloaded(st.snapshot);
    log.info('reload requested', { by: 'admin', loaded, snapshot: st.snapshot });
  } catch (err) {
    text = t.reloadFailed(describeError(err), s.app.status().snapshot);
    log.warn('reload failed', { error: describeError(err) });
  }
  await sendParts(ctx, textView(text));
}

export async function statusCommand(ctx: Context, s: BotServices, now = Date.now()): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  if (!isAdmin(ctx, s)) return sendParts(ctx, textView(t.adminOnly));
  const st = s.app.status();
  const ageMinutes = Math.max(0, Math.round((now - Date.parse(st.createdAt)) / 60_000));
  const votes = await s.store.feedback.counts();
  const text = t.status({ ...st, ageMinutes, answerer: s.app.answerer.name, ...votes });
  await sendParts(ctx, textView(text));
}

/** /gaps: the top knowledge-gap topics of the last REPORT_DAYS, as `npm run report` groups them. */
export async function gapsCommand(ctx: Context, s: BotServices): Promise<void> {
  const t = uiTexts(ctx.from?.language_code);
  if (!isAdmin(ctx, s)) return sendParts(ctx, textView(t.adminOnly));
  const stale = s.app.curated?.status(s.app.engine).stale;
  const data = await buildReport(
    { store: s.store, app: s.app, lexicon: s.lexicon(), stale },
    { days: s.app.config.loop.reportDays, retentionDays: s.app.config.loop.retentionDays },
  );
  await sendParts(ctx, textView(renderGapsText(data)));
}
