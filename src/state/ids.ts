// Short random ids for callback data and log rows: 9 random bytes, 12 URL-safe characters (72 bits, so guessing
// another user's button id is hopeless, and it fits Telegram's 64-byte callback_data with room to spare).
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(9).toString('base64url');
}
