import type { SavedLineage } from './lineage.ts';

/** What survives a reload or a closed tab: the history of designs, and the preview's size. */
export interface SavedSession {
  readonly lineage: SavedLineage;
  readonly previewSize: number;
}

export interface SessionStore {
  load(): Promise<SavedSession | undefined>;
  /** Keeps the latest session; writes that come quicker than the last one finishes are folded into one. */
  save(session: SavedSession): void;
  /** Resolves once the last session saved is written. */
  flush(): Promise<void>;
}

const database = 'zsweep-studio';
const storeName = 'session';
const key = 'current';

function request<T>(asked: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    asked.onsuccess = () => resolve(asked.result);
    asked.onerror = () => reject(asked.error);
  });
}

/**
 * The session in this browser's IndexedDB (one per page origin: the studio's host and port). Plain
 * IndexedDB: three calls, not worth a library. Where IndexedDB is refused (a private window's
 * quota), the page still works, without keeping anything.
 */
export function createSessionStore(): SessionStore {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const asked = indexedDB.open(database, 1);
      asked.onupgradeneeded = () => asked.result.createObjectStore(storeName);
      asked.onsuccess = () => resolve(asked.result);
      asked.onerror = () => reject(asked.error);
    });
    return opened;
  };
  const transaction = async (mode: IDBTransactionMode) => (await open()).transaction(storeName, mode).objectStore(storeName);
  let writing: Promise<void> | undefined;
  let next: SavedSession | undefined;
  const write = async () => {
    while (next) {
      const session = next;
      next = undefined;
      const store = await transaction('readwrite');
      await request(store.put(session, key));
    }
    writing = undefined;
  };
  return {
    async load() {
      try {
        return (await request((await transaction('readonly')).get(key))) as SavedSession | undefined;
      } catch {
        return undefined;
      }
    },
    save(session) {
      next = session;
      writing ??= write().catch((error: Error) => {
        writing = undefined;
        console.warn(`The session could not be kept in this browser: ${error.message}`);
      });
    },
    async flush() {
      await writing;
    },
  };
}
