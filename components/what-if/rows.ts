// The grouped change list as the table shows it: a row for each group's cause, then the group's
// changes, from the pages loaded so far (a group can start on one page and go on in the next).

import type { WhatIfChangeItem, WhatIfChangesResponse, WhatIfGroup } from "@/lib/api/what-if-views";

export type ChangeRow = { kind: "group"; group: WhatIfGroup } | { kind: "change"; item: WhatIfChangeItem; position: number };

export function changeRows(pages: readonly WhatIfChangesResponse[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  let current: string | undefined;
  let position = 0;
  for (const page of pages) {
    const groups = new Map(page.groups.map((g) => [g.key, g]));
    for (const item of page.items) {
      const group = groups.get(item.group);
      if (item.group !== current && group) rows.push({ kind: "group", group });
      current = item.group;
      rows.push({ kind: "change", item, position: position++ });
    }
  }
  return rows;
}

/** Rows of the whole list: its changes (as the server counts them under the filter) and a row per group with any. */
export function totalRows(changes: number, groups: readonly WhatIfGroup[], action: keyof WhatIfGroup["actions"] | null): number {
  return changes + groups.filter((g) => (action ? g.actions[action] : g.total) > 0).length;
}
