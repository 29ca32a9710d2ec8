// Fixed replies of the guard stage, in Simplified Chinese or English; the front end converts the script.
// Fixed on purpose: a crisis or a refusal must read the same every time and never be improvised by a model.
// Numbers come in through options (config decides them); defaults are the national ones.
import { PII_LABELS } from './pii.ts';
import type { HotlineOptions, PiiKind } from './types.ts';

export type ReplyLang = 'zh' | 'en';

export const DEFAULT_HOTLINES: HotlineOptions = {
  psychological: '12356',
  police: '110',
  ambulance: '120',
  government: '12345',
};

const DEFAULT_EXAMPLES = ['低保怎么申请？', '民法典对遗嘱是怎么规定的？'];

export function greetingReply(lang: ReplyLang, examples: string[] = DEFAULT_EXAMPLES): string {
  const ex = examples.slice(0, 3);
  if (lang === 'en') {
    return [
      'Hello! I answer questions from the policy documents, quoting the passages I rely on.',
      ...(ex.length ? [`For example: ${ex.join(' / ')}`] : []),
    ].join('\n');
  }
  return ['您好！我根据政策文件原文回答问题，并注明出处。', ...(ex.length ? [`您可以这样问：${ex.join(' ')}`] : [])].join('\n');
}

export function thanksReply(lang: ReplyLang): string {
  return lang === 'en' ? 'You are welcome. Ask me any time.' : '不客气，有问题随时问我。';
}

/** For a message in distress: the hotlines first, then that a person can help; nothing else. */
export function crisisReply(lang: ReplyLang, h: HotlineOptions = DEFAULT_HOTLINES): string {
  if (lang === 'en') {
    return [
      'It sounds like you are going through something very hard. You do not have to face it alone.',
      `Please call the psychological assistance hotline ${h.psychological}: someone is there to listen.`,
      `If you or someone else is in danger right now, call ${h.police} (police) or ${h.ambulance} (ambulance).`,
    ].join('\n');
  }
  return [
    '听起来您现在很难受，您不必一个人扛着。',
    `请拨打心理援助热线 ${h.psychological}，有人愿意听您说。`,
    `如果您或他人正面临危险，请立即拨打 ${h.police}（报警）或 ${h.ambulance}（急救）。`,
  ].join('\n');
}

export function complaintReply(lang: ReplyLang, h: HotlineOptions = DEFAULT_HOTLINES): string {
  if (lang === 'en') {
    return `I can only answer questions from the documents and cannot take complaints or reports. Please call the government service hotline ${h.government}, which accepts complaints, reports and suggestions.`;
  }
  return `我只能根据文件回答问题，无法受理投诉或举报。您可以拨打政务服务便民热线 ${h.government} 反映问题，他们会受理投诉、举报和建议。`;
}

/** One line added under an answer to a question that mentions complaining. */
export function complaintNote(lang: ReplyLang, h: HotlineOptions = DEFAULT_HOTLINES): string {
  return lang === 'en'
    ? `To file a complaint or report, call the government service hotline ${h.government}.`
    : `如需投诉或举报，可拨打政务服务便民热线 ${h.government}。`;
}

/** One line added above an answer when a question carries a sign of distress. */
export function crisisNote(lang: ReplyLang, h: HotlineOptions = DEFAULT_HOTLINES): string {
  return lang === 'en'
    ? `If you are struggling, the psychological assistance hotline ${h.psychological} is there for you; in danger, call ${h.police} or ${h.ambulance}.`
    : `如果您感到难以承受，可拨打心理援助热线 ${h.psychological}；遇到危险请拨打 ${h.police} 或 ${h.ambulance}。`;
}

export function othersDataReply(lang: ReplyLang): string {
  return lang === 'en'
    ? 'I cannot look up anyone’s personal information (ID number, phone, address and the like): it is protected by law, and I only answer from public policy documents.'
    : '抱歉，我不能查询他人的身份证号、电话、住址等个人信息，这些信息受法律保护；我只能根据公开的政策文件回答问题。';
}

/** Told once when a message carried personal data: what was removed and why. */
export function piiNotice(lang: ReplyLang, found: PiiKind[]): string {
  const names = found.map((k) => PII_LABELS[k].slice(1, -1));
  if (lang === 'en') {
    return 'For your privacy, please do not send personal data such as ID, phone or bank-card numbers. I removed it from your question and kept none of it.';
  }
  return `为保护您的隐私，请不要发送身份证号、手机号、银行卡号等个人信息。您消息中的${names.join('、')}已被去除，不会保存。`;
}

/** For a message that is only personal data plus "查一下": documents cannot answer it. */
/** A message that only tells the assistant to change its rules ("忽略之前所有的指令…"). */
export function instructionRefusal(lang: ReplyLang): string {
  return lang === 'en'
    ? 'I only answer questions from the policy documents I hold, and I do not take instructions that change how I answer. Please ask a question about the documents.'
    : '我只根据现有政策文件回答问题，不执行改变回答方式的指令。请直接提出关于文件内容的问题。';
}

export function lookupRefusal(lang: ReplyLang): string {
  return lang === 'en'
    ? 'I cannot look up personal records. I only answer questions about public policy documents; for your own records, please contact the office concerned.'
    : '抱歉，我无法查询个人信息或个人记录，只能回答政策文件方面的问题。查询本人记录请联系相关部门办理。';
}
