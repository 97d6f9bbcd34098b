// The audit database's schema, one migration per version. PRAGMA user_version records how many
// have run, so opening an older file upgrades it in place and a newer file is refused rather
// than written to by code that does not know its columns.

import type Database from "better-sqlite3";

export const MIGRATIONS: readonly string[] = [
  // 1: an apply and its changes. Each apply is written before the first request to Cloudflare
  // (outcome "pending") and updated after it, so a crash leaves a row that says so.
  `CREATE TABLE applies (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     instance TEXT NOT NULL,
     plan_hash TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     actor TEXT NOT NULL,
     approved_at TEXT NOT NULL,
     finished_at TEXT,
     outcome TEXT NOT NULL,
     zones TEXT NOT NULL,
     replica TEXT NOT NULL,
     error TEXT
   );
   CREATE INDEX applies_outcome ON applies(outcome);
   CREATE TABLE apply_changes (
     apply_id INTEGER NOT NULL REFERENCES applies(id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     plan_index INTEGER NOT NULL,
     action TEXT NOT NULL,
     zone TEXT NOT NULL,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     content TEXT NOT NULL,
     proxied INTEGER,
     ttl INTEGER,
     previous TEXT,
     resource TEXT,
     ownership_of TEXT,
     status TEXT NOT NULL,
     message TEXT,
     cloudflare_errors TEXT,
     PRIMARY KEY (apply_id, position)
   );`,
];

export class AuditSchemaError extends Error {}

/** Brings the file to the latest schema; returns the version it was at. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const from = db.pragma("user_version", { simple: true }) as number;
  if (from > migrations.length) {
    throw new AuditSchemaError(
      `the audit database ${db.name} has schema version ${from}, newer than this dnsdrift knows (${migrations.length}); use a newer dnsdrift or another DNSDRIFT_AUDIT_DB`,
    );
  }
  for (let v = from; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return from;
}
