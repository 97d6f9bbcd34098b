// The runtime's audit store: one open handle per database file, opened on first use (an
// unreadable file then fails the request that needs it, not the server's start) and reopened
// after close().

import path from "node:path";
import { AuditStore } from "./store";

export const DEFAULT_AUDIT_DB = "./data/audit.db";

/** DNSDRIFT_AUDIT_DB, relative paths taken from the working directory. */
export function auditPathFromEnv(env: Record<string, string | undefined> = process.env): string {
  const raw = env.DNSDRIFT_AUDIT_DB?.trim() || DEFAULT_AUDIT_DB;
  return raw === ":memory:" ? raw : path.resolve(/*turbopackIgnore: true*/ raw);
}

export class AuditStores {
  private readonly stores = new Map<string, AuditStore>();

  constructor(private readonly defaultFile: string = auditPathFromEnv()) {}

  /** The open store for `file` (default: the runtime's), opened on first use or after close(). */
  open(file: string = this.defaultFile): AuditStore {
    const existing = this.stores.get(file);
    if (existing?.isOpen) return existing;
    const store = AuditStore.open(file);
    this.stores.set(file, store);
    return store;
  }

  close(): void {
    for (const s of this.stores.values()) if (s.isOpen) s.close();
    this.stores.clear();
  }
}
