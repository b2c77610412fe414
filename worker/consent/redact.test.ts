import { describe, expect, it } from 'vitest';
import {
  emptyCounts,
  ID_KEYS,
  ibanValid,
  luhnValid,
  type RedactionCounts,
  redactProps,
  redactText,
} from './redact';

/** Redacts `text` and returns the result with the counts it produced. */
function run(text: string): { out: string; counts: RedactionCounts } {
  const counts = emptyCounts();
  return { out: redactText(text, counts), counts };
}

function only(kind: keyof RedactionCounts, n = 1): RedactionCounts {
  return { ...emptyCounts(), [kind]: n };
}

describe('luhnValid', () => {
  it.each(['4111111111111111', '5500005555555559', '378282246310005', '79927398713', '00'])(
    'accepts %s',
    (d) => {
      expect(luhnValid(d)).toBe(true);
    },
  );

  it.each(['4111111111111112', '79927398710', '', '0', '4111 1111 1111 1111', '4111-1111', 'abc'])(
    'rejects %j',
    (d) => {
      expect(luhnValid(d)).toBe(false);
    },
  );
});

describe('ibanValid', () => {
  it.each([
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    'gb82 west 1234 5698 7654 32',
    'NL91ABNA0417164300',
    'BE68539007547034',
    'FR1420041010050500013M02606',
  ])('accepts %s', (iban) => {
    expect(ibanValid(iban)).toBe(true);
  });

  it.each([
    'DE89 3704 0044 0532 0130 01', // one digit off
    'GB82WEST12345698765433',
    'DE89370400440532013000X', // still the right shape, but the checksum now fails
    'DE8937040044', // too short
    '1289370400440532013000', // no country letters
    `DE89${'1'.repeat(31)}`, // too long
    'DE89-3704-0044-0532-0130-00', // dashes are not part of the compact form
    '',
  ])('rejects %j', (iban) => {
    expect(ibanValid(iban)).toBe(false);
  });

  it('rejects the never-issued check digits 00 and 01 even when the remainder works out', () => {
    // Find a BBAN whose correct check digits are 97; then 00 ≡ 97 (mod 97) also leaves remainder 1.
    let found = '';
    for (let n = 1000000000000; n < 1000000001000 && !found; n++) {
      const bban = String(n);
      if (ibanValid(`DE97${bban}`)) found = bban;
    }
    expect(found).not.toBe('');
    expect(ibanValid(`DE97${found}`)).toBe(true);
    expect(ibanValid(`DE00${found}`)).toBe(false); // 00 ≡ 97 (mod 97), but is not a valid check value
  });
});

describe('redactText: positives', () => {
  it.each([
    ['mail jane.doe+shop@example.co.uk now', 'mail [email] now', 'email'],
    ['JANE@EXAMPLE.COM', '[email]', 'email'],
    ['<first_last-1@mail.sub.example.org>', '<[email]>', 'email'],
    ['card 4111 1111 1111 1111 thanks', 'card [card] thanks', 'card'],
    ['card 4111-1111-1111-1111', 'card [card]', 'card'],
    ['5500005555555559', '[card]', 'card'],
    ['amex 3782 822463 10005.', 'amex [card].', 'card'],
    ['pay to DE89 3704 0044 0532 0130 00 please', 'pay to [iban] please', 'iban'],
    ['GB82WEST12345698765432', '[iban]', 'iban'],
    ['iban: gb82 west 1234 5698 7654 32', 'iban: [iban]', 'iban'],
    ['BE68 5390 0754 7034 and more', '[iban] and more', 'iban'],
    ['call +49 30 1234567', 'call [phone]', 'phone'],
    ['(555) 123-4567', '[phone]', 'phone'],
    ['0044 20 7946 0958', '[phone]', 'phone'],
    ['07700 900123', '[phone]', 'phone'],
    ['+44 (0) 20 7946 0958', '[phone]', 'phone'],
    ['555.123.4567', '[phone]', 'phone'],
    ['01.23.45.67.89', '[phone]', 'phone'],
    ['tel:+14155552671', 'tel:[phone]', 'phone'],
    ['ring 4915112345679 later', 'ring [phone] later', 'phone'],
    ['ring 4915112345678 later', 'ring [card] later', 'card'], // same length, but passes Luhn
    ['1 800 555 1234', '[phone]', 'phone'],
  ] as const)('%j → %j', (input, expected, kind) => {
    const { out, counts } = run(input);
    expect(out).toBe(expected);
    expect(counts).toEqual(only(kind));
  });
});

describe('redactText: negatives', () => {
  it.each([
    '4111 1111 1111 1112', // not Luhn; 16 digits is too long for a phone
    '4111111111111112',
    'DE89 3704 0044 0532 0130 01', // bad IBAN checksum, and no card or phone inside
    '£12.75',
    'total 1,299.00 incl. VAT',
    '$1 299 999.00',
    '2026-11-22',
    'on 2026-11-22 10:30 we ship',
    'from 2026-11-22 14 items',
    '22.11.2026',
    'at 10:30:45',
    '85123A',
    'order 12345',
    'order 123456789',
    'SKU-12345-67890-AB',
    'ref SKU-1234567890',
    'see /p/1234567890123',
    'qty 2 3 4 5 6 7 8 9 1',
    'version 1.2.3.4.5.6.7.8.9',
    'pi is 3.14159265358979',
    'year 2026, 3 items, code 4242',
    'short code 88555',
    'I would like a red mug and two white ones, please.',
    'room 101 @ noon',
    'user@localhost', // no TLD: not the pragmatic shape
    '',
  ])('%j stays unchanged', (input) => {
    const { out, counts } = run(input);
    expect(out).toBe(input);
    expect(counts).toEqual(emptyCounts());
  });
});

describe('redactText: mixed', () => {
  it('redacts several kinds in one sentence and counts each', () => {
    const input =
      'Hi, I am jane.doe@example.com, call +49 30 1234567 or (555) 123-4567; card 4111 1111 1111 1111, ' +
      'refund to DE89 3704 0044 0532 0130 00. Order 12345 cost £12.75 on 2026-11-22.';
    const { out, counts } = run(input);
    expect(out).toBe(
      'Hi, I am [email], call [phone] or [phone]; card [card], refund to [iban]. Order 12345 cost £12.75 on 2026-11-22.',
    );
    expect(counts).toEqual({ email: 1, phone: 2, card: 1, iban: 1 });
  });

  it('accumulates into the counts it is given', () => {
    const counts = emptyCounts();
    redactText('a@b.co and c@d.io', counts);
    redactText('5500005555555559', counts);
    expect(counts).toEqual({ email: 2, phone: 0, card: 1, iban: 0 });
  });

  it('checks IBAN before card and phone so its digits are not half-eaten', () => {
    // The BBAN alone is 18 digits; without the IBAN rule first, parts of it could read as a number.
    expect(run('DE89370400440532013000').out).toBe('[iban]');
    expect(run('NL91 ABNA 0417 1643 00').out).toBe('[iban]');
    // A failed IBAN is kept whole, while text after a valid one is still checked.
    expect(run('to DE89 3704 0044 0532 0130 01 ok').out).toBe('to DE89 3704 0044 0532 0130 01 ok');
    const { out, counts } = run('BE68 5390 0754 7034 and 4111 1111 1111 1111');
    expect(out).toBe('[iban] and [card]');
    expect(counts).toEqual({ email: 0, phone: 0, card: 1, iban: 1 });
  });

  it('counts a number as a card, not a phone, when it passes Luhn', () => {
    expect(run('4111111111111111').counts).toEqual(only('card'));
    // Same length but not Luhn: 16 digits is too long for a phone, so it stays.
    expect(run('4111111111111112').out).toBe('4111111111111112');
  });

  it('is idempotent', () => {
    const inputs = [
      'Hi jane.doe+shop@example.co.uk, +49 30 1234567, 4111-1111-1111-1111, GB82WEST12345698765432',
      'BE68 5390 0754 7034 and 07700 900123 and 5500005555555559',
      '£12.75 on 2026-11-22 for order 12345 (85123A)',
    ];
    for (const input of inputs) {
      const once = redactText(input);
      const counts = emptyCounts();
      expect(redactText(once, counts)).toBe(once);
      expect(counts).toEqual(emptyCounts());
    }
  });

  it('handles a long digit-and-separator string quickly', () => {
    const text = `${'1-'.repeat(5000)}x`;
    const started = performance.now();
    expect(redactText(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('redactProps', () => {
  it('redacts string values and leaves numbers and booleans untouched', () => {
    const props = {
      q: 'mail me at jane@example.com',
      note: 'call 07700 900123',
      price: 4111111111111111,
      qty: 3,
      onSale: true,
      when: '2026-11-22',
    };
    const counts = emptyCounts();
    const out = redactProps(props, counts);
    expect(out).toEqual({
      q: 'mail me at [email]',
      note: 'call [phone]',
      price: 4111111111111111,
      qty: 3,
      onSale: true,
      when: '2026-11-22',
    });
    expect(counts).toEqual({ email: 1, phone: 1, card: 0, iban: 0 });
  });

  it('returns a new object and leaves the input as it was', () => {
    const props = Object.freeze({ q: 'a@b.co' });
    const out = redactProps(props);
    expect(out).not.toBe(props);
    expect(props).toEqual({ q: 'a@b.co' });
    expect(out).toEqual({ q: '[email]' });
  });

  it('applies only e-mail redaction to ID_KEYS', () => {
    expect([...ID_KEYS].sort()).toEqual(['id', 'item', 'productId', 'product_id', 'sku']);
    const counts = emptyCounts();
    const out = redactProps(
      {
        item: '4006381333931', // an EAN-13
        sku: '4111111111111111', // passes Luhn, but is a catalog id here
        product_id: '07700 900123',
        productId: 'DE89370400440532013000',
        id: 'a@b.co',
        other: '4111111111111111',
      },
      counts,
    );
    expect(out).toEqual({
      item: '4006381333931',
      sku: '4111111111111111',
      product_id: '07700 900123',
      productId: 'DE89370400440532013000',
      id: '[email]',
      other: '[card]',
    });
    expect(counts).toEqual({ email: 1, phone: 0, card: 1, iban: 0 });
    expect(redactProps({ item: 'a@b.co' })).toEqual({ item: '[email]' });
  });

  it('redacts the same EAN-13 under a non-id key', () => {
    expect(redactProps({ q: '4006381333931' }).q).not.toBe('4006381333931');
  });

  it('keeps a __proto__ key as a plain own property', () => {
    const props = JSON.parse('{"__proto__": "x@y.io"}') as Record<string, string>;
    const out = redactProps(props);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('[email]');
  });
});
