/**
 * How every browser run here launches Chromium: Debian's build (Playwright cannot download its own on
 * this network) with the flags that keep it from reaching for the network at start.
 */

/** Path of the Chromium binary; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless runs as root in a sandbox-less container with no outside network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
