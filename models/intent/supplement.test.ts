import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../src/errors';
import { SHOPPER_SUPPLEMENT } from './defaults';
import { readNaturalSet } from './natural-set';
import { SHOPPER_MESSAGES, SHOPPER_OUT_OF_SCOPE } from './shopper-messages';
import { readSupplement, supplementWeighting } from './supplement';

const key = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('the shopper-phrasing training supplement', () => {
  const labels = [...new Set(readNaturalSet().inScope.map((m) => m.intent))].sort();
  const supplement = readSupplement(SHOPPER_SUPPLEMENT, labels);

  it('has messages for every intent and off-topic ones for outlier exposure', () => {
    expect(new Set(supplement.train.map((r) => r.label)).size).toBe(labels.length);
    expect(supplement.train.length).toBeGreaterThanOrEqual(250);
    expect(supplement.outOfScope.length).toBeGreaterThanOrEqual(50);
  });

  it('shares no message with the development set or the test set the figures come from', () => {
    const dev = readNaturalSet();
    const held = new Set(
      [
        ...dev.inScope.map((m) => m.text),
        ...dev.outOfScope,
        ...SHOPPER_MESSAGES.map((m) => m.text),
        ...SHOPPER_OUT_OF_SCOPE,
      ].map(key),
    );
    const trained = [...supplement.train.map((r) => r.text), ...supplement.outOfScope].map(key);
    expect(trained.filter((t) => held.has(t))).toEqual([]);
    expect(new Set(trained).size).toBe(trained.length);
  });

  it('refuses an intent the model does not have, naming the line', async () => {
    const file = join(tmpdir(), `confide-supplement-${process.pid}.tsv`);
    await writeFile(file, 'text\tintent\nwhere is it\ttrack_order\nhello\ttrack_ordr\n');
    expect(() => readSupplement({ inScope: file }, ['track_order'])).toThrow(DataError);
    expect(() => readSupplement({ inScope: file }, ['track_order'])).toThrow(':3');
  });

  it('repeats only the supplement rows, on whichever side of the split they fell', () => {
    const weighted = supplementWeighting(3, 3);
    expect(weighted([0, 2, 4])).toEqual([0, 2, 4, 4, 4]);
    expect(weighted([1, 3, 5])).toEqual([1, 3, 5, 3, 5, 3, 5]);
    expect(supplementWeighting(3)([0, 4])).toEqual([0, 4]);
  });
});
