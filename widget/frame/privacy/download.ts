/**
 * Saves a JSON document as a file from inside the frame: a Blob behind an object URL and a click on
 * an `<a download>`. The frame is a cross-origin iframe without a `sandbox` attribute, where Chromium
 * allows downloads that follow a user activation; every caller runs from a button's click.
 */

/** Offers `data` as `filename` (pretty-printed JSON, UTF-8). */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The browser reads the blob asynchronously after the click; revoking at once can cancel it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** `prefix-YYYY-MM-DD.json` for the given moment (UTC day, like the consent record's time). */
export function datedFileName(prefix: string, ms: number): string {
  return `${prefix}-${new Date(ms).toISOString().slice(0, 10)}.json`;
}
