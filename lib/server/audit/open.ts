// The process's audit store: one open handle per database file, kept on globalThis so Next's
// module reloading in development does not open the same file twice.

import path from "node:path";
import { AuditStore } from "./store";

export const DEFAULT_AUDIT_DB = "./data/audit.db";

/** DNSDRIFT_AUDIT_DB, relative paths taken from the working directory. */
export function auditPathFromEnv(env: Record<string, string | undefined> = process.env): string {
  const raw = env.DNSDRIFT_AUDIT_DB?.trim() || DEFAULT_AUDIT_DB;
  return raw === ":memory:" ? raw : path.resolve(/*turbopackIgnore: true*/ raw);
}

const KEY = Symbol.for("dnsdrift.auditStores");
type Holder = { [KEY]?: Map<string, AuditStore> };

/** The open store for `file` (default: from the environment), opened on first use or after close(). */
export function sharedAuditStore(file: string = auditPathFromEnv()): AuditStore {
  const holder = globalThis as Holder;
  const stores = (holder[KEY] ??= new Map());
  const existing = stores.get(file);
  if (existing?.isOpen) return existing;
  const store = AuditStore.open(file);
  stores.set(file, store);
  return store;
}
