/**
 * IndexedDB as a browser that blocks the frame's storage presents it (third-party storage blocked,
 * some private modes): every call throws the error Chromium throws there. Installed over
 * `globalThis.indexedDB`; the next test's fake-indexeddb replaces it again.
 */

/** Makes `globalThis.indexedDB` refuse every call. */
export function blockIndexedDB(): void {
  const refuse = () => {
    throw new DOMException('The user denied permission to access the database.', 'UnknownError');
  };
  globalThis.indexedDB = { open: refuse, deleteDatabase: refuse, databases: refuse } as unknown as IDBFactory;
}
