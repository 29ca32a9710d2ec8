// Bytes -> text for text-like formats: UTF-8 (with or without BOM), UTF-16 with BOM, a charset the file itself
// declares (HTML meta), else GB18030 (a superset of GBK and GB2312, the encodings of many Chinese government
// downloads). Binary junk and text in an encoding we cannot tell apart from noise are refused.

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export interface DecodeOptions {
  /** A charset label the file declares about itself (`<meta charset="gb2312">`); used when it is not UTF-8. */
  declared?: string;
}

export function decodeText(bytes: Uint8Array, opts: DecodeOptions = {}): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (looksBinary(bytes)) throw new DecodeError('binary content, not text (or UTF-16 without a byte order mark)');
  // TextDecoder strips a UTF-8 BOM by default.
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const { bad, multibyte } = utf8Quality(utf8);
  if (bad === 0) return utf8;
  // A UTF-8 file with a few damaged bytes (a truncated download) is still UTF-8: GBK text read as UTF-8 fails on
  // nearly every Chinese character, so it never has this many well-formed multibyte characters per error.
  if (multibyte >= 50 * bad) return utf8;
  const label = declaredLabel(opts.declared);
  let text: string;
  try {
    text = new TextDecoder(label ?? 'gb18030', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new DecodeError(`unknown encoding: neither UTF-8 nor ${label ?? 'GB18030/GBK'} text`, { cause });
  }
  if (!label && looksMisdecoded(text)) {
    throw new DecodeError('unknown encoding: not UTF-8, and reading it as GB18030/GBK gives noise (Latin-1? Big5?)');
  }
  return text;
}

/** A label TextDecoder knows, other than UTF-8 (already tried), or undefined. */
function declaredLabel(declared?: string): string | undefined {
  if (!declared) return undefined;
  try {
    const enc = new TextDecoder(declared.trim().toLowerCase()).encoding;
    return enc === 'utf-8' ? undefined : enc;
  } catch {
    return undefined; // an unknown label: fall back to sniffing
  }
}

/** Replacement characters (undecodable bytes) and well-formed non-ASCII characters in a lossy UTF-8 decode. */
function utf8Quality(text: string): { bad: number; multibyte: number } {
  let bad = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) multibyte++;
  }
  return { bad, multibyte };
}

/**
 * Single-byte Latin text (Latin-1, Windows-1252) read as GBK turns each accented letter and the ASCII letter
 * after it into one Han character stuck between Latin letters ("caf閟"). Real Chinese text rarely does that.
 */
function looksMisdecoded(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han === 0) return false;
  const stuck = text.match(/[A-Za-z]\p{Script=Han}|\p{Script=Han}[A-Za-z]/gu)?.length ?? 0;
  return stuck / han > 0.3;
}

/** NUL bytes or a high share of control characters mean this is not text in any encoding we read. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.05;
}
