/**
 * Which language a chat message is in, as far as the answer needs to know: English (what the intent
 * model reads) or one of the languages a European shop most often hears instead. Function words
 * decide, since they are what every message has and what differ most between these languages; words
 * shared with English ("in", "was", "also") are left out of the others' lists. Tiny on purpose: it
 * runs on every message in the worker, and a full identifier would be larger than the model.
 */
import { normalizeText, words } from '../../models/features';

/** Languages recognized besides English. */
export type OtherLanguage = 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';

const LISTS: Readonly<Record<'en' | OtherLanguage, string>> = {
  en: "the a an is are was my i you your it this that what where when how why do does did can could would will to of and for with not no have has please thanks hello hi order refund delivery account don't i'm it's",
  de: 'der die das und ist ich du sie wir mein meine meinen meiner mir mich nicht wo wie warum wann ist sind haben habe hat kann können konnen möchte mochte bitte danke hallo ein eine einen bestellung lieferung rückgabe ruckgabe konto auch noch schon für fur mit von zu auf aus bei nach wird werden gibt kein keine',
  fr: 'le la les un une des est et je tu vous nous mon ma mes ne pas où ou comment pourquoi quand avoir suis puis peux voudrais merci bonjour commande livraison remboursement compte avec pour sur dans mais très tres',
  es: 'el la los las un una es y yo tu usted mi mis no donde dónde como cómo por qué cuando quiero puedo gracias hola pedido envío envio reembolso cuenta con para pero muy está esta',
  it: 'il lo la gli le un una è e io tu mio mia miei non dove come perché perche quando voglio posso grazie ciao ordine spedizione rimborso conto con per ma molto sono',
  nl: 'de het een en ik jij je u mijn niet waar hoe waarom wanneer wil kan kunnen graag dank bedankt hallo bestelling levering terugbetaling account met voor maar heel ben is zijn',
  pt: 'o a os as um uma é e eu você voce meu minha não nao onde como porque quando quero posso obrigado obrigada olá ola pedido entrega reembolso conta com para mas muito está esta',
};

const SETS = new Map(
  (Object.keys(LISTS) as ('en' | OtherLanguage)[]).map((lang) => [
    lang,
    new Set(words(normalizeText(LISTS[lang]))),
  ]),
);

/** Letters only some of the languages write. */
const MARKS: readonly [RegExp, OtherLanguage][] = [
  [/[äöüß]/i, 'de'],
  [/[ñ¿¡]/i, 'es'],
  [/[ãõ]/i, 'pt'],
  [/[çœ]|\b(?:c|d|j|l|m|n|qu|s|t)'/i, 'fr'],
];

/**
 * `en` when the message reads as English (or gives no sign either way, as "ok" or an order number
 * does), else the language it reads as: a message counts as another language when more of its words
 * are that language's function words than English ones, and at least two are, or one is and the
 * message is that short.
 */
export function messageLanguage(text: string): 'en' | OtherLanguage {
  const toks = words(normalizeText(text));
  const count = (lang: 'en' | OtherLanguage) => toks.filter((w) => SETS.get(lang)?.has(w)).length;
  const en = count('en');
  let best: { lang: OtherLanguage; n: number } | undefined;
  for (const lang of Object.keys(LISTS) as ('en' | OtherLanguage)[]) {
    if (lang === 'en') continue;
    let n = count(lang);
    for (const [mark, l] of MARKS) if (l === lang && mark.test(text)) n += 1;
    if (!best || n > best.n) best = { lang, n };
  }
  if (!best || best.n <= en) return 'en';
  return best.n >= 2 || (best.n === 1 && toks.length <= 2) ? best.lang : 'en';
}
