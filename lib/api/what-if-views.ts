// The What-if page's answers: the what-if document without its change lists (an outline with
// the groups by cause and their counts), and the changes a page at a time. At 10k routes the
// whole document is ~17 MB; these are what the page reads instead (docs/api.md).

import type { Page, WhatIfCause, WhatIfChange, WhatIfResponse } from "./types";

/** The two change lists of a what-if: what would newly happen, and what would no longer happen. */
export type WhatIfList = "differences" | "vanishing";
export const WHAT_IF_LISTS: readonly WhatIfList[] = ["differences", "vanishing"];

export type ChangeAction = WhatIfChange["action"];
export const CHANGE_ACTIONS: readonly ChangeAction[] = ["create", "update", "delete"];

export type ActionCounts = Record<ChangeAction, number>;

/** One cause and the changes of a list it makes. */
export interface WhatIfGroup {
  /** Derived from the cause, so it names the same group in the next computation: `group=` of /api/what-if/changes. */
  key: string;
  /** null: changes the what-if found no cause for. */
  cause: WhatIfCause | null;
  total: number;
  actions: ActionCounts;
}

export interface WhatIfListOutline {
  /** Changes in the list (a change with two causes is counted once here, and listed under both). */
  total: number;
  actions: ActionCounts;
  /** Most changes first. */
  groups: WhatIfGroup[];
}

/** GET /api/what-if/outline: the document minus `differences` and `vanishing`, plus their groups. */
export interface WhatIfOutlineResponse extends Omit<WhatIfResponse, "differences" | "vanishing"> {
  lists: Record<WhatIfList, WhatIfListOutline>;
}

export interface WhatIfChangeItem {
  /** The key of the group the change is listed under here. */
  group: string;
  change: WhatIfChange;
}

/**
 * GET /api/what-if/changes: the changes of a list in group order (each group's changes in the
 * document's order), optionally one group's or one action's, a page at a time.
 */
export interface WhatIfChangesResponse extends Page<WhatIfChangeItem> {
  instance: string;
  generatedAt: string;
  list: WhatIfList;
  group: string | null;
  action: ChangeAction | null;
  /** The groups of this page's items, in order. */
  groups: WhatIfGroup[];
}
