// The drift history in SQLite, beside the audit trail: one row per transition, and the last
// snapshot per external-dns instance so that a restart compares against what was seen before
// it instead of recording every drifted name again. Retention is enforced on every write.

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { HistoryCause, Transition } from "../../drift/history/diff";
import type { HistorySnapshot } from "../../drift/history/snapshot";

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE history_entries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     instance TEXT NOT NULL,
     hostname TEXT NOT NULL,
     type TEXT,
     from_state TEXT NOT NULL,
     to_state TEXT NOT NULL,
     causes TEXT NOT NULL
   );
   CREATE INDEX history_host_at ON history_entries(hostname, at);
   CREATE INDEX history_at ON history_entries(at);
   CREATE TABLE history_snapshots (
     instance TEXT PRIMARY KEY,
     at TEXT NOT NULL,
     data TEXT NOT NULL
   );`,
];

export class HistorySchemaError extends Error {}

export interface Retention {
  days: number;
  rows: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  instance: string;
  hostname: string;
  type?: string;
  from: string;
  to: string;
  causes: HistoryCause[];
}

export interface HistoryQuery {
  hostname?: string;
  instance?: string;
  /** ISO time: entries at or after it. */
  since?: string;
  /** Entries with a smaller id (paging, newest first). */
  before?: number;
  limit: number;
}

interface EntryRow {
  id: number;
  at: string;
  instance: string;
  hostname: string;
  type: string | null;
  from_state: string;
  to_state: string;
  causes: string;
}

function migrate(db: Database.Database): void {
  const from = db.pragma("user_version", { simple: true }) as number;
  if (from > MIGRATIONS.length) {
    throw new HistorySchemaError(
      `the history database ${db.name} has schema version ${from}, newer than this dnsdrift knows (${MIGRATIONS.length}); use a newer dnsdrift or another DNSDRIFT_HISTORY_DB`,
    );
  }
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export class HistoryStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly retention: Retention,
    private readonly now: () => number,
  ) {}

  static open(file: string, retention: Retention, now: () => number = Date.now): HistoryStore {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    if (file !== ":memory:") db.pragma("journal_mode = WAL");
    migrate(db);
    return new HistoryStore(db, retention, now);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  lastSnapshot(instance: string): HistorySnapshot | undefined {
    const row = this.db.prepare("SELECT data FROM history_snapshots WHERE instance = ?").get(instance) as { data: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.data) as HistorySnapshot;
    } catch {
      // A damaged snapshot only costs one refresh's worth of comparison.
      return undefined;
    }
  }

  /** Writes the transitions and the snapshot they lead to in one transaction, then prunes. */
  record(snapshot: HistorySnapshot, transitions: Transition[], snapshotChanged = true): HistoryEntry[] {
    const insert = this.db.prepare(
      "INSERT INTO history_entries (at, instance, hostname, type, from_state, to_state, causes) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const ids: number[] = [];
    this.db.transaction(() => {
      for (const t of transitions) {
        const info = insert.run(t.at, t.instance, t.hostname, t.type ?? null, t.from, t.to, JSON.stringify(t.causes));
        ids.push(Number(info.lastInsertRowid));
      }
      if (snapshotChanged) {
        this.db
          .prepare("INSERT INTO history_snapshots (instance, at, data) VALUES (?, ?, ?) ON CONFLICT(instance) DO UPDATE SET at = excluded.at, data = excluded.data")
          .run(snapshot.instance, snapshot.at, JSON.stringify(snapshot));
      }
    })();
    this.prune();
    return transitions.map((t, i) => ({ id: ids[i], ...t }));
  }

  /** Drops entries older than the retention days, then the oldest beyond the row limit. */
  prune(): number {
    const cutoff = new Date(this.now() - this.retention.days * 86_400_000).toISOString();
    let removed = this.db.prepare("DELETE FROM history_entries WHERE at < ?").run(cutoff).changes;
    removed += this.db
      .prepare("DELETE FROM history_entries WHERE id <= (SELECT id FROM history_entries ORDER BY id DESC LIMIT 1 OFFSET ?)")
      .run(this.retention.rows).changes;
    return removed;
  }

  list(q: HistoryQuery): HistoryEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.hostname) {
      where.push("hostname = ?");
      args.push(q.hostname);
    }
    if (q.instance) {
      where.push("instance = ?");
      args.push(q.instance);
    }
    if (q.since) {
      where.push("at >= ?");
      args.push(q.since);
    }
    if (q.before !== undefined) {
      where.push("id < ?");
      args.push(q.before);
    }
    const sql = `SELECT * FROM history_entries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit) as EntryRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      instance: r.instance,
      hostname: r.hostname,
      ...(r.type ? { type: r.type } : {}),
      from: r.from_state,
      to: r.to_state,
      causes: JSON.parse(r.causes) as HistoryCause[],
    }));
  }

  /** The newest entry of each hostname (hostname-level items only) of an instance. */
  currentStates(instance: string): HistoryEntry[] {
    const rows = this.db
      .prepare(
        `SELECT e.* FROM history_entries e
         JOIN (SELECT MAX(id) AS id FROM history_entries WHERE instance = ? AND type IS NULL GROUP BY hostname) m ON e.id = m.id`,
      )
      .all(instance) as EntryRow[];
    return rows.map((r) => ({ id: r.id, at: r.at, instance: r.instance, hostname: r.hostname, from: r.from_state, to: r.to_state, causes: [] }));
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM history_entries").get() as { n: number }).n;
  }
}
