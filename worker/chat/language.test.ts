import { describe, expect, it } from 'vitest';
import { readNaturalSet } from '../../models/intent/natural-set';
import { SHOPPER_MESSAGES } from '../../models/intent/shopper-messages';
import { messageLanguage } from './language';

describe('messageLanguage', () => {
  it('reads shoppers writing in other languages as such', () => {
    const other: [string, string][] = [
      ['Wo ist meine Bestellung?', 'de'],
      ['Ich möchte mein Geld zurück', 'de'],
      ['Kann ich mit PayPal bezahlen?', 'de'],
      ['wie lange dauert die lieferung', 'de'],
      ['hallo', 'de'],
      ['Où est ma commande ?', 'fr'],
      ['je voudrais annuler ma commande', 'fr'],
      ['¿Dónde está mi pedido?', 'es'],
      ['quiero un reembolso', 'es'],
      ['dove è il mio ordine', 'it'],
      ['waar is mijn bestelling', 'nl'],
      ['quero cancelar o meu pedido', 'pt'],
    ];
    for (const [text, lang] of other) expect([text, messageLanguage(text)]).toEqual([text, lang]);
  });

  it('never takes an English message from the development and test sets for another language', () => {
    const set = readNaturalSet();
    const english = [
      ...set.inScope.map((m) => m.text),
      ...set.outOfScope,
      ...SHOPPER_MESSAGES.map((m) => m.text),
    ];
    expect(english.filter((t) => messageLanguage(t) !== 'en')).toEqual([]);
  });

  it('gives no language to messages without words of any', () => {
    for (const t of ['ok', '12345', '??', 'PayPal']) expect(messageLanguage(t)).toBe('en');
  });
});
