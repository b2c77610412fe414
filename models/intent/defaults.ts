/**
 * The two data sets the repository trains on by default: Bitext (the shipped demo-shop model and its
 * answers) and BANKING77 (the public benchmark whose test figures fill report.json's `intent` entry).
 */
import { resolve } from 'node:path';
import { REPO_ROOT } from '../src/data-source';
import type { IntentTrainOptions } from './train-intent';

/** The shipped model: Bitext customer-support sample, 27 e-commerce intents, 80/20 split by seed. */
export const BITEXT_DEFAULTS: Omit<IntentTrainOptions, 'log' | 'int8' | 'seed'> = {
  train: resolve(REPO_ROOT, '../shared/data/bitext-customer-support/bitext_customer_support_4514.csv'),
  textCol: 'instruction',
  labelCol: 'intent',
  answerCol: 'response',
  split: 0.2,
};

/** The benchmark: BANKING77's official train and test files (77 intents). Not shipped. */
export const BANKING77_DEFAULTS: Omit<IntentTrainOptions, 'log' | 'int8' | 'seed'> = {
  train: resolve(REPO_ROOT, '../shared/data/banking77/train.csv'),
  test: resolve(REPO_ROOT, '../shared/data/banking77/test.csv'),
  textCol: 'text',
  labelCol: 'category',
};
