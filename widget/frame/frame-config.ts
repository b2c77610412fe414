/**
 * The frame's timing defaults. The site's options themselves are checked in site-options.ts.
 */

/** Default delay of the proactive greeting (DESIGN: 8 s). */
export const DEFAULT_GREETING_DELAY_MS = 8000;

/** How long the frame waits for the loader's `config` before starting the worker without it. */
export const CONFIG_WAIT_MS = 1500;
