// The audit trail in SQLite: an apply is written before anything is sent to Cloudflare and
// updated as answers come back, each write its own committed transaction, so whatever happens
// to the process the file says what was intended and what is known to have happened.

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { ApplyChangeResult, AuditActor, AuditChange, AuditEntry, AuditOutcome, AuditResponse } from "../../api/types";
import type { RecordChange } from "../../externaldns/types";
import { migrate } from "./migrations";
import { countsOf, outcomeOf, statusAsRead } from "./outcome";

export interface AuditStart {
  instance: string;
  planHash: string;
  actor: AuditActor;
  approvedAt: Date;
  zones: string[];
  /** The replica applying it (its Lease holder identity). */
  replica: string;
  /** The selected changes in the order they are handed to the applier, with their plan index. */
  changes: { index: number; change: RecordChange }[];
}

/** A change's answer; its position is its place in AuditStart.changes. */
export type ChangeAnswer = Pick<ApplyChangeResult, "status" | "message" | "cloudflareErrors">;

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

interface ApplyRow {
  id: number;
  instance: string;
  plan_hash: string;
  actor: string;
  approved_at: string;
  finished_at: string | null;
  outcome: AuditOutcome;
  zones: string;
  replica: string;
  error: string | null;
}

interface ChangeRow {
  apply_id: number;
  position: number;
  plan_index: number;
  action: AuditChange["action"];
  zone: string;
  name: string;
  type: string;
  content: string;
  proxied: number | null;
  ttl: number | null;
  previous: string | null;
  resource: string | null;
  ownership_of: string | null;
  status: AuditChange["status"];
  message: string | null;
  cloudflare_errors: string | null;
}

function changeOf(row: ChangeRow, outcome: AuditOutcome): AuditChange {
  const c: AuditChange = {
    index: row.plan_index,
    action: row.action,
    zone: row.zone,
    name: row.name,
    type: row.type,
    content: row.content,
    status: statusAsRead(row.status, outcome),
  };
  if (row.proxied !== null) c.proxied = row.proxied === 1;
  if (row.ttl !== null) c.ttl = row.ttl;
  if (row.previous !== null) c.previous = JSON.parse(row.previous);
  if (row.resource !== null) c.resource = row.resource;
  if (row.ownership_of !== null) c.ownershipOf = row.ownership_of;
  if (row.message !== null) c.message = row.message;
  if (row.cloudflare_errors !== null) c.cloudflareErrors = JSON.parse(row.cloudflare_errors);
  return c;
}

export class AuditStore {
  private readonly db: Database.Database;
  /** Entries that were still pending when this file was opened: their process is gone. */
  readonly interruptedOnOpen: number;
  private readonly now: () => Date;

  private constructor(readonly file: string, opts: { now?: () => Date }) {
    this.now = opts.now ?? (() => new Date());
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
    this.db = new Database(file);
    try {
      this.db.pragma("journal_mode = WAL");
      // An audit row must survive a power cut once the apply has been told it was written.
      this.db.pragma("synchronous = FULL");
      this.db.pragma("foreign_keys = ON");
      this.db.pragma("busy_timeout = 5000");
      migrate(this.db);
      this.interruptedOnOpen = this.db.prepare("UPDATE applies SET outcome = 'interrupted' WHERE outcome = 'pending'").run().changes;
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  /** Opens (creating the directory and file if needed) and migrates; pending entries become interrupted. */
  static open(file: string, opts: { now?: () => Date } = {}): AuditStore {
    return new AuditStore(file, opts);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Records the intent, before anything is sent; returns the entry id. */
  begin(start: AuditStart): number {
    const insertApply = this.db.prepare(
      `INSERT INTO applies (instance, plan_hash, actor_name, actor, approved_at, outcome, zones, replica)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    const insertChange = this.db.prepare(
      `INSERT INTO apply_changes (apply_id, position, plan_index, action, zone, name, type, content, proxied, ttl, previous, resource, ownership_of, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    );
    return this.db.transaction(() => {
      const { lastInsertRowid } = insertApply.run(
        start.instance,
        start.planHash,
        start.actor.name,
        JSON.stringify(start.actor),
        start.approvedAt.toISOString(),
        JSON.stringify(start.zones),
        start.replica,
      );
      const id = Number(lastInsertRowid);
      start.changes.forEach(({ index, change: c }, position) => {
        insertChange.run(
          id,
          position,
          index,
          c.action,
          c.zone,
          c.name,
          c.type,
          c.content,
          c.proxied === undefined ? null : c.proxied ? 1 : 0,
          c.ttl ?? null,
          c.previous ? JSON.stringify(c.previous) : null,
          c.resource || null,
          c.ownershipOf ?? null,
        );
      });
      return id;
    })();
  }

  /** One change's answer, as it arrives (so an interrupted apply still shows what landed). */
  answer(id: number, position: number, a: ChangeAnswer): void {
    this.db
      .prepare("UPDATE apply_changes SET status = ?, message = ?, cloudflare_errors = ? WHERE apply_id = ? AND position = ?")
      .run(a.status, a.message ?? null, a.cloudflareErrors?.length ? JSON.stringify(a.cloudflareErrors) : null, id, position);
  }

  /**
   * Closes the entry. `answers` is by position (missing ones keep what `answer` stored); with
   * `error` the apply stopped as a whole and changes without an answer read as unknown.
   */
  finish(id: number, answers: (ChangeAnswer | undefined)[], error?: string): AuditEntry {
    this.db.transaction(() => {
      answers.forEach((a, position) => a && this.answer(id, position, a));
      const statuses = (this.db.prepare("SELECT status FROM apply_changes WHERE apply_id = ? ORDER BY position").all(id) as { status: AuditChange["status"] }[]).map(
        (r) => r.status,
      );
      this.db
        .prepare("UPDATE applies SET outcome = ?, finished_at = ?, error = ? WHERE id = ?")
        .run(outcomeOf(statuses), this.now().toISOString(), error ?? null, id);
    })();
    return this.get(id)!;
  }

  get(id: number): AuditEntry | undefined {
    const row = this.db.prepare("SELECT * FROM applies WHERE id = ?").get(id) as ApplyRow | undefined;
    return row && this.entries([row])[0];
  }

  /** Newest first; `before` is an id from a previous page's `nextBefore`. */
  list(opts: { limit?: number; before?: number } = {}): AuditResponse {
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(opts.limit ?? DEFAULT_PAGE)));
    const rows = this.db
      .prepare("SELECT * FROM applies WHERE id < ? ORDER BY id DESC LIMIT ?")
      .all(opts.before ?? Number.MAX_SAFE_INTEGER, limit + 1) as ApplyRow[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return { entries: this.entries(page), nextBefore: more ? page[page.length - 1].id : null };
  }

  /** Every entry, newest first (the export). */
  all(): AuditEntry[] {
    // One pass over each table: an IN list of every id would outgrow SQLite's parameter limit.
    const rows = this.db.prepare("SELECT * FROM applies ORDER BY id DESC").all() as ApplyRow[];
    return this.entries(rows, this.db.prepare("SELECT * FROM apply_changes ORDER BY apply_id, position").all() as ChangeRow[]);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private entries(rows: ApplyRow[], allChanges?: ChangeRow[]): AuditEntry[] {
    if (rows.length === 0) return [];
    const changeRows =
      allChanges ??
      (this.db
        .prepare(`SELECT * FROM apply_changes WHERE apply_id IN (${rows.map(() => "?").join(",")}) ORDER BY apply_id, position`)
        .all(...rows.map((r) => r.id)) as ChangeRow[]);
    const byApply = new Map<number, ChangeRow[]>();
    for (const c of changeRows) {
      const list = byApply.get(c.apply_id);
      if (list) list.push(c);
      else byApply.set(c.apply_id, [c]);
    }
    return rows.map((r) => {
      const changes = (byApply.get(r.id) ?? []).map((c) => changeOf(c, r.outcome));
      const entry: AuditEntry = {
        id: r.id,
        instance: r.instance,
        planHash: r.plan_hash,
        actor: JSON.parse(r.actor),
        approvedAt: r.approved_at,
        finishedAt: r.finished_at,
        outcome: r.outcome,
        zones: JSON.parse(r.zones),
        replica: r.replica,
        counts: countsOf(changes),
        changes,
      };
      if (r.error !== null) entry.error = r.error;
      return entry;
    });
  }
}
