/**
 * The demo shop that embeds Confide from a second origin.
 */
/** Starts the demo host page server; see {@link DemoOptions}. */

/** The demo's HTML pages. */
export { consentPage } from './consent-page';
export { homePage, orderPage, type PageOptions, productPage, searchPage } from './pages';
export { createDemoApp, type DemoOptions, type RunningDemo, startDemo } from './server';
export { spaPage } from './spa-page';
/** The webview demo: a page playing the native app, on the widget's origin through a pass-through. */
export { startWebviewServer, type WebviewServer } from './webview-server';
