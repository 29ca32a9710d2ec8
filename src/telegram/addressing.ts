// Whether a message is meant for the bot, and the question it carries. In private chats every message is;
// in groups only a reply to the bot or a message that mentions it (commands such as /ask are routed apart).
import type { Message, MessageEntity, User } from 'telegraf/types';

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel';

export interface Me {
  id: number;
  username: string;
}

export function isGroup(kind: ChatKind | undefined): boolean {
  return kind === 'group' || kind === 'supergroup';
}

/** True when a group message replies to one of the bot's messages. */
export function repliesToMe(msg: Pick<Message.TextMessage, 'reply_to_message'>, me: Me): boolean {
  const from: User | undefined = msg.reply_to_message?.from;
  return from?.id === me.id;
}

/** The @mention entities of the bot in a text. */
function myMentions(text: string, entities: MessageEntity[] | undefined, me: Me): MessageEntity[] {
  const handle = `@${me.username}`.toLowerCase();
  return (entities ?? []).filter((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle);
}

/**
 * The question in a text message addressed to the bot, with the bot's @mentions removed; undefined when the
 * message is not for the bot (a group message that neither mentions nor replies to it).
 */
export function addressedQuestion(msg: Pick<Message.TextMessage, 'text' | 'entities' | 'reply_to_message'>, kind: ChatKind, me: Me): string | undefined {
  if (!isGroup(kind)) return msg.text.trim();
  const mentions = myMentions(msg.text, msg.entities, me);
  if (!mentions.length && !repliesToMe(msg, me)) return undefined;
  let text = msg.text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + ' ' + text.slice(e.offset + e.length);
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,，:：]\s*/, '');
}
