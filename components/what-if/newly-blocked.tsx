"use client";

// Where the next configuration's plan stops and today's does not (an unowned record, another
// owner, the policy). At 10k routes that is over a thousand entries: a virtualised table.

import { Card } from "@/components/ui/card";
import { countOf } from "@/components/ui/format";
import { VirtualTable } from "@/components/ui/virtual-table";
import type { WhatIfResponse } from "@/lib/api/types";

export function NewlyBlocked({ blocked }: { blocked: WhatIfResponse["newlyBlocked"] }) {
  if (!blocked.length) return null;
  return (
    <Card title="Newly blocked" subtitle={`external-dns would stop here, where it does not today · ${countOf(blocked.length, "place")}`} testId="what-if-blocked">
      <VirtualTable
        caption="Where the next configuration stops and today's does not"
        testId="what-if-blocked-table"
        items={blocked}
        total={blocked.length}
        colSpan={2}
        estimate={44}
        overscan={20}
        maxHeight="24rem"
        tableClass="w-full border-collapse text-sm"
        headClass="sr-only"
        head={
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">What happens</th>
          </tr>
        }
        renderRow={(r, i, rowProps) => (
          <tr {...rowProps} key={`${r.code}-${i}`} className="border-t border-slate-100 align-top first:border-t-0 dark:border-slate-800" data-testid="what-if-blocked-row">
            <td className="py-1 pr-2 font-mono text-xs whitespace-nowrap">{r.code}</td>
            <td className="py-1">{r.message}</td>
          </tr>
        )}
      />
    </Card>
  );
}
