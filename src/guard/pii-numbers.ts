// Pure validators for digit strings: resident ID numbers (GB 11643, ISO 7064 MOD 11-2 check digit), bank cards
// (Luhn), mobile and landline numbers. They take compact digits (no spaces) and say which kind, if any, fits.
import type { PiiKind } from './types.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of an 18-digit resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

// Region codes start 11..82 (province level); 0 and 9 never open an ID number.
const REGION = /^[1-8][1-9]\d{4}/;

/**
 * An 18-digit ID with a valid check digit and birth date, or a 15-digit one (issued before 1999: no check digit,
 * two-digit year) with a valid birth date. The date makes random 15-digit numbers unlikely to pass.
 */
export function isResidentId(compact: string): boolean {
  const id = compact.toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return isIdShaped(id) && idCheckChar(id.slice(0, 17)) === id[17];
  if (/^\d{15}$/.test(id)) {
    if (!REGION.test(id)) return false;
    return validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  }
  return false;
}

/**
 * 18 characters with a region code and a real birth date, whatever the check digit: a citizen's typo (or a number
 * made up for a test) is still an ID number to keep private, and a random 18-digit run rarely holds a valid date.
 */
export function isIdShaped(compact: string): boolean {
  const id = compact.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id) || !REGION.test(id)) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2099) return false;
  return validDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * 13-19 digits passing Luhn and opening like a payment card (3 Amex/JCB, 4 Visa, 5 Mastercard, 6 UnionPay,
 * 9 some domestic debit cards). The prefix keeps runs of years ("2015 2016 2017 2018") out.
 */
export function isBankCard(compact: string): boolean {
  return /^[3-69]\d{12,18}$/.test(compact) && luhnValid(compact);
}

export function isMobile(compact: string): boolean {
  return /^1[3-9]\d{9}$/.test(compact);
}

/**
 * A landline with its area code: 010 or 02x + 8 digits; 0[3-9]xx + 7 or 8 digits. Local numbers never start
 * with 0 or 1 (1xx are service numbers such as 110 and 12345, which are not personal).
 */
export function isLandline(compact: string): boolean {
  return /^(?:010|02\d)[2-9]\d{7}$/.test(compact) || /^0[3-9]\d{2}[2-9]\d{6,7}$/.test(compact);
}

/** Strip a country prefix (+86, 0086, 86) in front of a mobile or an area code without its 0. */
function withoutCountry(compact: string): string | undefined {
  const m = /^(?:0086|86)(\d+)$/.exec(compact);
  if (!m) return undefined;
  return m[1];
}

/**
 * Which kind a compact digit string is, if any. `hasPlus` says a '+' stood right before it (then a leading 86
 * must be a country code). `groups` are the lengths of the separated digit groups, to judge card-like grouping.
 */
export function classifyDigits(compact: string, groups: number[], hasPlus: boolean): PiiKind | undefined {
  const national = withoutCountry(compact);
  if (national) {
    if (isMobile(national)) return 'mobile';
    if (isLandline(`0${national}`)) return 'landline';
  }
  if (hasPlus) return undefined;
  if (isResidentId(compact)) return 'id';
  if (isMobile(compact)) return 'mobile';
  if (isLandline(compact)) return 'landline';
  // Before the card test: an 18-digit run with a region and a birth date is far likelier a mistyped ID.
  if (isIdShaped(compact)) return 'id';
  // Cards are written whole or in groups of 4 (sometimes 6); other groupings are lists of numbers.
  const cardLike = groups.length === 1 || groups.slice(0, -1).every((g) => g === 4 || g === 6);
  if (cardLike && isBankCard(compact)) return 'bankcard';
  return undefined;
}
