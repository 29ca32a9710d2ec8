// Every fixed text the bot shows, in Chinese (default, Simplified or Traditional) and English, picked from
// the user's Telegram language. Handlers never hold literal UI strings.
import { toScript } from '../text/normalize.ts';
import type { Register } from '../types.ts';

export interface UiTexts {
  lang: 'zh' | 'en';
  welcome(docCount: number): string;
  examplesLead: string;
  commandsHint: string;
  about: string[];
  sourcesHeading(count: number): string;
  answerSources: string;
  askedQuestion(q: string): string;
  citeButton(n: number): string;
  helpful: string;
  notHelpful: string;
  thanks: string;
  voteChanged: string;
  expired: string;
  tooLong(length: number, limit: number): string;
  textOnly: string;
  rateLimited(seconds: number): string;
  emptyQuestion: string;
  unknownCommand: string;
  failed: string;
  adminOnly: string;
  reloaded(name: string, docs: number, chunks: number): string;
  notReloaded(name: string): string;
  reloadFailed(reason: string, name: string): string;
  status(s: { docs: number; chunks: number; snapshot: string; ageMinutes: number; provider: string; answerer: string; up: number; down: number }): string;
  followAnswer: string;
  followRefused: string;
  followed: string;
  followedRefused: string;
  alreadyFollowed: string;
  unfollowButton(n: number): string;
  unfollowed: string;
  stopNotices: string;
  stopped(n: number): string;
  noSubscriptions: string;
  subscriptionsHeading(n: number): string;
  subscriptionAnswer(question: string, sources: string): string;
  subscriptionRefused(question: string): string;
  handoffOffer: string;
  commands: { command: string; description: string }[];
}

const zh: UiTexts = {
  lang: 'zh',
  welcome: (n) => `您好！我是“问政”，只根据下面 ${n} 份政府文件回答问题，每句回答都注明出处 [n]：`,
  examplesLead: '可以点下面的问题试试，或直接输入您的问题：',
  commandsHint: '/sources 查看文件列表 · /subscriptions 我关注的回答 · /about 关于本机器人 · /help 帮助',
  about: [
    '“问政”是一个政策文件问答机器人。',
    '它的回答只来自已收录的文件原文，每句话后的 [n] 对应下方列出的出处，点击按钮可查看完整段落。文件中没有的内容，它会如实说“没有找到”，不会推测或编造政策。',
    '回答仅供参考，不构成法律意见；办理具体事项请以主管部门的正式答复为准。',
  ],
  sourcesHeading: (n) => `已收录的文件（${n} 份）：`,
  answerSources: '来源',
  askedQuestion: (q) => `问：${q}`,
  citeButton: (n) => `📄 原文 [${n}]`,
  helpful: '👍 有帮助',
  notHelpful: '👎 没帮助',
  thanks: '谢谢您的反馈！',
  voteChanged: '已更新您的反馈。',
  expired: '这条回答已过期，请重新提问。',
  tooLong: (len, limit) => `您的问题有 ${len} 个字，超过了 ${limit} 字的上限。请精简成一个具体的问题再发给我。`,
  textOnly: '抱歉，我只能读文字问题，暂时无法识别贴纸、图片、语音、视频或文件。请直接用文字输入您想了解的政策问题。',
  rateLimited: (s) => `您提问有点快了，请休息一下，${s} 秒后再问我。`,
  emptyQuestion: '请在提到我之后写下您的问题，或使用 /ask 您的问题。',
  unknownCommand: '我不认识这个命令。发送 /help 查看我能做什么。',
  failed: '抱歉，处理您的消息时出了点问题，请稍后再试。',
  adminOnly: '抱歉，这个命令仅限管理员使用。',
  reloaded: (name, docs, chunks) => `已加载新的索引快照 ${name}（${docs} 份文件，${chunks} 个段落块）。`,
  notReloaded: (name) => `没有新的快照，仍在使用 ${name}。`,
  reloadFailed: (reason, name) => `重新加载失败，仍在使用 ${name}：\n${reason}`,
  status: (s) =>
    [
      `文件：${s.docs} 份，段落块：${s.chunks} 个`,
      `快照：${s.snapshot}（${s.ageMinutes} 分钟前生成）`,
      `向量：${s.provider}`,
      `回答方式：${s.answerer}`,
      `反馈：👍 ${s.up} · 👎 ${s.down}`,
    ].join('\n'),
  followAnswer: '🔔 有变化时通知我',
  followRefused: '🔔 能回答时通知我',
  followed: '好的，引用的条文有变化时会通知您。发送 /subscriptions 可查看或取消。',
  followedRefused: '好的，收录的文件能回答这个问题时会通知您。发送 /subscriptions 可查看或取消。',
  alreadyFollowed: '您已经关注过了。',
  unfollowButton: (n) => `取消第 ${n} 条`,
  unfollowed: '已取消这条提醒。',
  stopNotices: '🔕 停止提醒',
  stopped: (n) => (n ? `已停止这 ${n} 条提醒。` : '这些提醒已经取消了。'),
  noSubscriptions: '您还没有关注任何回答。在回答下方点“🔔 有变化时通知我”即可关注。',
  subscriptionsHeading: (n) => `您关注的 ${n} 条：`,
  subscriptionAnswer: (q, src) => `🔔 ${q}${src ? `（${src}）` : ''}`,
  subscriptionRefused: (q) => `⏳ ${q}（等待能回答）`,
  handoffOffer: '谢谢反馈。如需人工解答，可点下面的按钮：',
  commands: [
    { command: 'help', description: '能问什么、示例问题' },
    { command: 'sources', description: '已收录的文件' },
    { command: 'about', description: '关于本机器人' },
    { command: 'ask', description: '提问（群聊中使用）' },
    { command: 'subscriptions', description: '我关注的回答' },
  ],
};

const en: UiTexts = {
  lang: 'en',
  welcome: (n) => `Hello! I am 问政 (wenzheng). I answer only from these ${n} government documents, and every sentence cites its source [n]:`,
  examplesLead: 'Tap a question below to try, or type your own:',
  commandsHint: '/sources the documents · /subscriptions answers you follow · /about what this bot is · /help help',
  about: [
    '问政 (wenzheng) answers questions about government policy documents.',
    'Its answers come only from the indexed documents: each [n] points to a source listed below the answer, and a button shows the full passage. When the documents do not say, it tells you so and never guesses or invents policy.',
    'Answers are for information only, not legal advice; for a specific case rely on the competent authority.',
  ],
  sourcesHeading: (n) => `Indexed documents (${n}):`,
  answerSources: 'Sources',
  askedQuestion: (q) => `Q: ${q}`,
  citeButton: (n) => `📄 Passage [${n}]`,
  helpful: '👍 Helpful',
  notHelpful: '👎 Not helpful',
  thanks: 'Thank you for the feedback!',
  voteChanged: 'Your feedback was updated.',
  expired: 'This answer has expired; please ask again.',
  tooLong: (len, limit) => `Your question is ${len} characters long, over the ${limit}-character limit. Please shorten it to one precise question.`,
  textOnly: 'Sorry, I can only read text questions, not stickers, photos, voice, videos or files. Please type your question about the documents.',
  rateLimited: (s) => `You are asking a little fast; please take a breath and ask again in ${s} seconds.`,
  emptyQuestion: 'Please write your question after mentioning me, or use /ask your question.',
  unknownCommand: 'I do not know that command. Send /help to see what I can do.',
  failed: 'Sorry, something went wrong while handling your message. Please try again later.',
  adminOnly: 'Sorry, this command is for administrators only.',
  reloaded: (name, docs, chunks) => `Loaded the new index snapshot ${name} (${docs} documents, ${chunks} chunks).`,
  notReloaded: (name) => `No new snapshot; still using ${name}.`,
  reloadFailed: (reason, name) => `Reload failed; still using ${name}:\n${reason}`,
  status: (s) =>
    [
      `Documents: ${s.docs}, chunks: ${s.chunks}`,
      `Snapshot: ${s.snapshot} (built ${s.ageMinutes} min ago)`,
      `Embeddings: ${s.provider}`,
      `Answerer: ${s.answerer}`,
      `Feedback: 👍 ${s.up} · 👎 ${s.down}`,
    ].join('\n'),
  followAnswer: '🔔 Notify me of changes',
  followRefused: '🔔 Notify me when answerable',
  followed: 'Done: I will tell you when a cited passage changes. /subscriptions lists or removes them.',
  followedRefused: 'Done: I will tell you when the documents can answer this. /subscriptions lists or removes them.',
  alreadyFollowed: 'You already follow this.',
  unfollowButton: (n) => `Remove #${n}`,
  unfollowed: 'That notice is removed.',
  stopNotices: '🔕 Stop these notices',
  stopped: (n) => (n ? `Stopped ${n} notice subscription(s).` : 'These notices were already stopped.'),
  noSubscriptions: 'You follow no answers yet. Tap "🔔 Notify me of changes" under an answer.',
  subscriptionsHeading: (n) => `You follow ${n}:`,
  subscriptionAnswer: (q, src) => `🔔 ${q}${src ? ` (${src})` : ''}`,
  subscriptionRefused: (q) => `⏳ ${q} (waiting for an answer)`,
  handoffOffer: 'Thank you. To ask a person, tap below:',
  commands: [
    { command: 'help', description: 'What to ask, example questions' },
    { command: 'sources', description: 'The indexed documents' },
    { command: 'about', description: 'What this bot is' },
    { command: 'ask', description: 'Ask a question (in groups)' },
    { command: 'subscriptions', description: 'Answers you follow' },
  ],
};

/** The same texts written in Traditional characters, for users whose Telegram is set to zh-Hant/TW/HK. */
// Converted on first use: the Simplified -> Traditional converter costs ~65 MB, and many bots never need it.
let zhHantTexts: UiTexts | undefined;
const zhHant = (): UiTexts => (zhHantTexts ??= traditional(zh));

/** UI texts for a Telegram `language_code`: English for en*, Traditional for zh-hant/tw/hk/mo, else Simplified. */
export function uiTexts(languageCode?: string): UiTexts {
  const code = (languageCode ?? '').toLowerCase();
  if (code.startsWith('en')) return en;
  if (/^zh[-_](hant|tw|hk|mo)/.test(code)) return zhHant();
  return zh;
}

/** Texts that accompany an answer follow the answer's own language and script, not the user's settings. */
export function answerTexts(register: Register): UiTexts {
  if (register.lang === 'en') return en;
  return register.script === 'traditional' ? zhHant() : zh;
}

function traditional(t: UiTexts): UiTexts {
  const conv = (s: string) => toScript(s, 'traditional');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out[k] = k === 'lang' ? v : conv(v);
    else if (typeof v === 'function') out[k] = (...a: unknown[]) => conv((v as (...x: unknown[]) => string)(...a));
    else if (k === 'about') out[k] = (v as string[]).map(conv);
    else out[k] = v;
  }
  return out as unknown as UiTexts;
}
