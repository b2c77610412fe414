/**
 * Minimization before storage: e-mail addresses, IBANs, card numbers (Luhn) and phone numbers inside
 * event property strings are replaced by a marker (`[email]`, `[iban]`, `[card]`, `[phone]`)
 * before the worker writes the event to IndexedDB. Only counts of what was redacted are reported,
 * never the values. Pure string work: no Node-only APIs, no dependencies (runs in a browser worker).
 *
 * Order matters: e-mail first (a local part may hold digits), then IBAN (its BBAN is mostly digits that
 * the card or phone rules would otherwise half-eat), then card, then phone (the loosest rule last).
 * Markers contain no digits and no `@`, so a second pass finds nothing new (idempotent).
 */
import type { PropValue } from '../protocol';

/** What was redacted, for counting (never the values themselves). */
export interface RedactionCounts {
  email: number;
  phone: number;
  card: number;
  iban: number;
}

/** A fresh zeroed counter. */
export function emptyCounts(): RedactionCounts {
  return { email: 0, phone: 0, card: 0, iban: 0 };
}

/**
 * Property keys holding catalog identifiers. They get e-mail redaction only: GTIN/EAN-13 ids are
 * 13-digit strings that look like phones or (by chance) pass Luhn, and redacting a catalog id would
 * break recommendations. An e-mail address is never a legitimate id, so that rule still applies.
 */
export const ID_KEYS: ReadonlySet<string> = new Set(['item', 'sku', 'product_id', 'productId', 'id']);

/**
 * Pragmatic RFC 5322-ish address: dot-atom local part, `@`, dot-separated DNS labels and an alphabetic
 * TLD. Quoted local parts and IP-literal domains are left out, as are `'` and backtick in the local part:
 * rare in practice, and they would swallow the quotes around an address. The trailing lookahead stops a TLD from ending in the middle of a longer word.
 */
const EMAIL =
  /[a-z0-9!#$%&*+/=?^_{|}~-]+(?:\.[a-z0-9!#$%&*+/=?^_{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![a-z0-9-])/gi;

/**
 * IBAN candidate: country code, check digits, then either the compact BBAN (11–30 alphanumerics) or
 * space-separated groups of four with a shorter last group. Length and checksum are verified in code;
 * the grouped form may over-reach into a following short word, so the callback shrinks it group by group.
 */
const IBAN_CANDIDATE =
  /(?<!\w)[a-z]{2}\d{2}(?:[a-z0-9]{11,30}|(?: [a-z0-9]{4}){1,8}(?: [a-z0-9]{1,3})?)(?!\w)/gi;

/** The compact shape ISO 13616 allows: 15–34 characters. */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/**
 * Card candidate: digit groups joined by one consistent separator (a single space or dash), as cards
 * are printed. Consistency keeps e.g. a date followed by a time from reading as one number. It must
 * not start with `0` (no payment network issues PANs beginning with 0; phones in national `0…` or
 * international `00…` form start with 0) nor follow `+` (a phone). Length and Luhn are checked in code.
 * The boundaries reject digits glued to words, decimals and codes such as `SKU-1234…`.
 */
const CARD_CANDIDATE = /(?<![\w+]|\d[-.,:/]|[A-Za-z_][-./])[1-9]\d*(?:([ -])\d+(?:\1\d+)*)?(?!\w|[-.,:/]\w)/g;

/**
 * Phone candidate: optional `+` or `(`, then digits joined by at most one typical separator (space,
 * dash, dot, parenthesis) at a time. Not preceded by a word character, `+` or a currency sign (a price),
 * a digit plus `-.,:/` (the tail of a decimal, time or date), a letter plus `-./` (a code like `SKU-…`;
 * `tel:` stays allowed); not followed by a word character or a separator plus more (`10:30`, `-AB`).
 * Whether it is a phone is decided in code.
 */
const PHONE_CANDIDATE =
  /(?<![\w+£$€¥]|\d[-.,:/]|[A-Za-z_][-./])(?:\+\(?|\()?\d(?:(?:[ .-]|\)[ .-]?|[ .-]?\()?\d)*(?!\w|[-.,:/]\w)/g;

/** A calendar date inside a candidate: `2026-11-22`, `2026.11.22`, `22.11.2026`, `22-11-2026`. */
const DATE = /(?<!\d)(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)/;

/**
 * Luhn (mod 10) check over a string of ASCII digits only; anything else, or fewer than two digits
 * (a lone `0` would pass trivially), is not valid.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * ISO 13616 check on the compacted string (whitespace removed, upper-cased): the shape must hold, the
 * check digits must be 02–98 (00, 01 and 99 are never issued, though 00/01 can satisfy the remainder),
 * and the rearranged number (letters as 10–35) must leave remainder 1 modulo 97. The remainder is
 * computed piecewise, so no BigInt is needed.
 */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!IBAN_SHAPE.test(s)) return false;
  const check = Number(s.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    if (code <= 57) rem = (rem * 10 + (code - 48)) % 97;
    else rem = (rem * 100 + (code - 55)) % 97;
  }
  return rem === 1;
}

function redactEmail(text: string, counts: RedactionCounts): string {
  return text.replace(EMAIL, () => {
    counts.email++;
    return '[email]';
  });
}

/**
 * Splits `text` around IBAN candidates. Returns pieces where even indices are free text (card and
 * phone rules still apply) and odd indices are settled: `[iban]`, or an IBAN-shaped string whose
 * checksum failed. The latter is kept verbatim and shielded from the later rules, because its BBAN
 * digits would otherwise be half-eaten as a card or phone ("DE89 3704 0044 0532 0130 01" must not
 * become "DE89 3704 [phone]").
 */
function splitIban(text: string, counts: RedactionCounts): string[] {
  const pieces: string[] = [];
  let last = 0;
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const match = m[0];
    const groups = match.split(' ');
    if (groups.join('').length < 15) continue; // too short to be an IBAN at all: leave it free
    let settled = match;
    let rest = '';
    // Try the whole candidate, then drop trailing groups: "BE68 5390 0754 7034 and" holds an IBAN
    // followed by a word that the grouped pattern swallowed.
    for (let k = groups.length; k >= 1; k--) {
      const compact = groups.slice(0, k).join('');
      if (compact.length < 15) break;
      if (ibanValid(compact)) {
        counts.iban++;
        settled = '[iban]';
        rest = groups
          .slice(k)
          .map((g) => ` ${g}`)
          .join('');
        break;
      }
    }
    pieces.push(text.slice(last, m.index), settled);
    last = m.index + match.length - rest.length;
  }
  pieces.push(text.slice(last));
  return pieces;
}

function redactCard(text: string, counts: RedactionCounts): string {
  return text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, '');
    // PANs are 13–19 digits (ISO/IEC 7812); the Luhn check keeps random long numbers as they are.
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    counts.card++;
    return '[card]';
  });
}

/** Decides whether a phone candidate really is a phone number (see the rules inline). */
function isPhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  // E.164 allows at most 15 digits; fewer than 9 is a short code, quantity, year, date or time.
  if (digits.length < 9 || digits.length > 15) return false;
  // An explicit international prefix is the strongest signal. Country codes never start with 0,
  // which keeps zero-padded numbers like "000012345" out.
  if (match.startsWith('+') || /^00[1-9]/.test(match)) return true;
  if (match === digits) {
    // A plain run: 10–15 digits reads as a phone; 9 or fewer is an order number or similar.
    return digits.length >= 10;
  }
  // Separated digits. Reject dates ("2026-11-22 14"), decimals ("3.14159265358979",
  // "1 299 999.00": a single dot is a decimal point, phones with dots use several) and runs of
  // single digits (quantities, versions), which phone groups rarely are.
  if (DATE.test(match)) return false;
  if (match.split('.').length === 2) return false;
  const groups = match.match(/\d+/g) ?? [];
  return groups.filter((g) => g.length === 1).length <= 1;
}

function redactPhone(text: string, counts: RedactionCounts): string {
  return text.replace(PHONE_CANDIDATE, (match) => {
    if (!isPhone(match)) return match;
    counts.phone++;
    return '[phone]';
  });
}

/**
 * Redacts PII inside one string and returns the new string. When `counts` is given it is incremented
 * in place, once per redacted value.
 */
export function redactText(text: string, counts: RedactionCounts = emptyCounts()): string {
  // Cheap exits: e-mail needs an `@`, every other rule a digit; most property values have neither.
  const out = text.includes('@') ? redactEmail(text, counts) : text;
  if (!/\d/.test(out)) return out;
  return splitIban(out, counts)
    .map((piece, i) => (i % 2 === 1 ? piece : redactPhone(redactCard(piece, counts), counts)))
    .join('');
}

/**
 * Redacts every string property and returns a new object; the input is not touched. Numbers and
 * booleans pass unchanged: a JS number is not a PII carrier here (a 16-digit number is not even exact).
 * Keys in {@link ID_KEYS} get e-mail redaction only. `Object.fromEntries` defines own properties, so a
 * `__proto__` key stays a plain key rather than changing the result's prototype.
 */
export function redactProps(
  props: Readonly<Record<string, PropValue>>,
  counts: RedactionCounts = emptyCounts(),
): Record<string, PropValue> {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]): [string, PropValue] => {
      if (typeof value !== 'string') return [key, value];
      return [key, ID_KEYS.has(key) ? redactEmail(value, counts) : redactText(value, counts)];
    }),
  );
}
