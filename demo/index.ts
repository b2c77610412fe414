/**
 * The demo shop that embeds Confide from a second origin.
 */
/** Starts the demo host page server; see {@link DemoOptions}. */

/** The demo's HTML pages. */
export { homePage, type PageOptions, productPage } from './pages';
export { createDemoApp, type DemoOptions, type RunningDemo, startDemo } from './server';
