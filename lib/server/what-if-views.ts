// The What-if page's views of a what-if document (the one lib/server/what-if.ts computes and
// caches): an outline without the change lists, and the changes grouped by cause, a page at a
// time. The grouping is built once per document and list, and the document itself is never
// recomputed or copied for them.

import crypto from "node:crypto";
import type { WhatIfChange, WhatIfResponse } from "../api/types";
import {
  CHANGE_ACTIONS,
  WHAT_IF_LISTS,
  type ActionCounts,
  type ChangeAction,
  type WhatIfChangeItem,
  type WhatIfChangesResponse,
  type WhatIfGroup,
  type WhatIfList,
  type WhatIfListOutline,
  type WhatIfOutlineResponse,
} from "../api/what-if-views";
import { PageParamError, pageParams } from "./pages";

/** A view asked for something the document does not have (an unknown group): 404. */
export class WhatIfViewError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  group: WhatIfGroup;
  change: WhatIfChange;
}

interface ListIndex {
  outline: WhatIfListOutline;
  byKey: Map<string, WhatIfGroup>;
  /** Every group's changes, groups in order. */
  entries: Entry[];
  /** The same, per group key and per action, made when first asked for. */
  selections: Map<string, Entry[]>;
}

const indexes = new WeakMap<WhatIfResponse, Map<WhatIfList, ListIndex>>();

const noActions = (): ActionCounts => ({ create: 0, update: 0, delete: 0 });

function keyOf(identity: string, taken: Set<string>): string {
  const base = crypto.createHash("sha1").update(identity).digest("base64url").slice(0, 12);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

function buildIndex(changes: WhatIfChange[]): ListIndex {
  const members = new Map<string, { group: WhatIfGroup; changes: WhatIfChange[] }>();
  const actions = noActions();
  for (const change of changes) {
    actions[change.action]++;
    // A change the what-if found no cause for is still a change: listed, not dropped.
    const causes = change.causes.length ? change.causes : [null];
    for (const cause of causes) {
      const identity = cause ? `${cause.code}\u0000${cause.resource}\u0000${cause.message}` : "";
      let m = members.get(identity);
      if (!m) {
        m = { group: { key: identity, cause, total: 0, actions: noActions() }, changes: [] };
        members.set(identity, m);
      }
      m.group.total++;
      m.group.actions[change.action]++;
      m.changes.push(change);
    }
  }
  const sorted = [...members.values()].sort(
    (a, b) =>
      b.group.total - a.group.total ||
      Number(a.group.cause === null) - Number(b.group.cause === null) ||
      (a.group.cause?.resource ?? "").localeCompare(b.group.cause?.resource ?? ""),
  );
  const taken = new Set<string>();
  const byKey = new Map<string, WhatIfGroup>();
  const entries: Entry[] = [];
  for (const m of sorted) {
    m.group.key = keyOf(m.group.key, taken);
    byKey.set(m.group.key, m.group);
    for (const change of m.changes) entries.push({ group: m.group, change });
  }
  return { outline: { total: changes.length, actions, groups: sorted.map((m) => m.group) }, byKey, entries, selections: new Map() };
}

function listIndex(doc: WhatIfResponse, list: WhatIfList): ListIndex {
  let perList = indexes.get(doc);
  if (!perList) {
    perList = new Map();
    indexes.set(doc, perList);
  }
  let index = perList.get(list);
  if (!index) {
    index = buildIndex(doc[list]);
    perList.set(list, index);
  }
  return index;
}

/** Everything but the change lists, with the lists' groups and counts. */
export function whatIfOutline(doc: WhatIfResponse): WhatIfOutlineResponse {
  const rest: Omit<WhatIfResponse, "differences" | "vanishing"> & Partial<Pick<WhatIfResponse, "differences" | "vanishing">> = { ...doc };
  delete rest.differences;
  delete rest.vanishing;
  return { ...rest, lists: { differences: listIndex(doc, "differences").outline, vanishing: listIndex(doc, "vanishing").outline } };
}

export interface ChangesQuery {
  list: WhatIfList;
  group: string | null;
  action: ChangeAction | null;
  offset: number;
  limit: number;
}

/** list (default differences), group, action, offset, limit; bad values throw PageParamError (400). */
export function parseChangesQuery(params: URLSearchParams): ChangesQuery {
  const list = params.get("list") || "differences";
  if (!WHAT_IF_LISTS.includes(list as WhatIfList)) throw new PageParamError(`list must be one of ${WHAT_IF_LISTS.join(", ")}, got "${list}"`);
  const action = params.get("action") || null;
  if (action !== null && !CHANGE_ACTIONS.includes(action as ChangeAction)) throw new PageParamError(`action must be one of ${CHANGE_ACTIONS.join(", ")}, got "${action}"`);
  return { list: list as WhatIfList, group: params.get("group") || null, action: action as ChangeAction | null, ...pageParams(params) };
}

/** The query's meaning as cache-key text: spellings of the same query share one answer. */
export function changesQueryKey(q: ChangesQuery): string {
  return `list=${q.list}|group=${q.group ?? ""}|action=${q.action ?? ""}|offset=${q.offset}|limit=${q.limit}`;
}

function selection(index: ListIndex, group: WhatIfGroup | null, action: ChangeAction | null): Entry[] {
  if (!group && !action) return index.entries;
  const key = `${group?.key ?? ""}\u0000${action ?? ""}`;
  let sel = index.selections.get(key);
  if (!sel) {
    sel = index.entries.filter((e) => (!group || e.group === group) && (!action || e.change.action === action));
    index.selections.set(key, sel);
  }
  return sel;
}

/** One page of a list's changes in group order; an unknown group throws WhatIfViewError (404). */
export function whatIfChangesPage(doc: WhatIfResponse, q: ChangesQuery): WhatIfChangesResponse {
  const index = listIndex(doc, q.list);
  const group = q.group === null ? null : index.byKey.get(q.group);
  if (group === undefined) throw new WhatIfViewError(404, "group-not-found", `no group "${q.group}" among the ${q.list} of this what-if`);
  const all = selection(index, group, q.action);
  const window = all.slice(q.offset, q.offset + q.limit);
  const items: WhatIfChangeItem[] = window.map((e) => ({ group: e.group.key, change: e.change }));
  const groups = [...new Set(window.map((e) => e.group))];
  return {
    instance: doc.instance,
    generatedAt: doc.generatedAt,
    list: q.list,
    group: q.group,
    action: q.action,
    groups,
    total: all.length,
    offset: q.offset,
    limit: q.limit,
    items,
  };
}
