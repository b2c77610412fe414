/**
 * The frame's timing defaults. The site's options themselves are checked in site-options.ts.
 */

/** Default delay of the proactive greeting: long enough not to interrupt a visitor who just arrived. */
export const DEFAULT_GREETING_DELAY_MS = 8000;

/** How long the frame waits for the loader's `config` before starting the worker without it. */
export const CONFIG_WAIT_MS = 1500;
