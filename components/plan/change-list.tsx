"use client";

import { useEffect, useMemo, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { HostLink, ResourceLink } from "@/components/ui/links";
import { VirtualTable } from "@/components/ui/virtual-table";
import type { PlanResponse } from "@/lib/api/types";
import { companionsOf, tickState } from "./selection";
import { fieldChanges, formatProxied, formatTtl } from "@/components/ui/format";

type Change = PlanResponse["changes"][number];

const SYMBOL: Record<Change["action"], { glyph: string; cls: string }> = {
  create: { glyph: "+", cls: "text-emerald-700 dark:text-emerald-400" },
  update: { glyph: "~", cls: "text-amber-700 dark:text-amber-400" },
  delete: { glyph: "−", cls: "text-red-700 dark:text-red-400" },
};

function Detail({ c }: { c: Change }) {
  if (c.action === "update" && c.previous) {
    const rows = fieldChanges(c.previous, c);
    return (
      <div className="space-y-0.5">
        <div className="font-mono text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{c.content}</div>
        {rows.map(({ field, from, to }) => (
          <div key={field} className="text-xs" data-testid="change-diff">
            <span className="text-slate-600 dark:text-slate-400">{field}: </span>
            <span className="rounded bg-red-50 px-1 font-mono text-red-900 line-through decoration-red-400 dark:bg-red-950/50 dark:text-red-200">{from}</span>
            {" → "}
            <span className="rounded bg-emerald-50 px-1 font-mono text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200">{to}</span>
          </div>
        ))}
      </div>
    );
  }
  const extras = c.type === "TXT" ? [] : [formatProxied(c.proxied), `ttl ${formatTtl(c.ttl)}`];
  return (
    <div className="text-xs">
      <span className={`font-mono [overflow-wrap:anywhere] ${c.action === "delete" ? "line-through decoration-red-400" : ""}`}>{c.content}</span>
      {c.action === "create" && extras.length > 0 && <span className="text-slate-600 dark:text-slate-400"> · {extras.join(" · ")}</span>}
    </div>
  );
}

function Checkbox({ checked, indeterminate = false, ...rest }: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" checked={checked} className="size-4 rounded border-slate-400 accent-sky-700 focus-visible:outline-2 focus-visible:outline-sky-600" {...rest} />;
}

export function ChangeList({
  plan,
  unticked,
  onToggle,
  revertIndexes,
  readOnly,
}: {
  plan: PlanResponse;
  unticked: ReadonlySet<number>;
  onToggle: (indexes: number[], tick: boolean) => void;
  revertIndexes: Map<number, string>;
  readOnly: boolean;
}) {
  // Grouped once per plan: with ten thousand changes, per-render scans add up.
  const { companions, groups } = useMemo(() => {
    const companions = companionsOf(plan.changes);
    const byZone = new Map<string, number[]>();
    plan.changes.forEach((c, i) => {
      const list = byZone.get(c.zone);
      if (list) list.push(i);
      else byZone.set(c.zone, [i]);
    });
    const groups = [...byZone.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([zone, indexes]) => {
        const heads = indexes.filter((i) => !companions.has(i));
        const count = { create: 0, update: 0, delete: 0 };
        for (const i of heads) count[plan.changes[i].action]++;
        return { zone, indexes, heads, count };
      });
    return { companions, groups };
  }, [plan]);
  return (
    <div className="space-y-4">
      {groups.map(({ zone, indexes, heads, count }) => {
        const tick = tickState(heads, unticked);
        return (
          <Card
            key={zone}
            testId="plan-zone"
            title={
              <span className="flex items-center gap-2">
                {!readOnly && (
                  <Checkbox
                    aria-label={`Select every change in ${zone}`}
                    checked={tick.state === "all"}
                    indeterminate={tick.state === "some"}
                    onChange={(e) => onToggle(heads, e.target.checked)}
                  />
                )}
                <span className="font-mono">{zone}</span>
              </span>
            }
            subtitle={`${count.create} create · ${count.update} update · ${count.delete} delete`}
          >
            <VirtualTable
              caption={`Changes in zone ${zone}`}
              testId="plan-changes"
              items={indexes}
              total={indexes.length}
              colSpan={5}
              estimate={44}
              maxHeight="70vh"
              tableClass="w-full table-fixed border-collapse text-sm"
              headClass="sr-only"
              colgroup={
                <colgroup>
                  <col className="w-8" />
                  <col className="w-6" />
                  <col className="w-[32%]" />
                  <col />
                  <col className="w-[22%]" />
                </colgroup>
              }
              head={
                <tr>
                  <th scope="col">Include</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Change</th>
                  <th scope="col">From</th>
                </tr>
              }
              renderRow={(i, _n, rowProps) => {
                const c = plan.changes[i];
                const parent = companions.get(i);
                const head = parent ?? i;
                const on = !unticked.has(head);
                const revert = revertIndexes.get(i);
                const sym = SYMBOL[c.action];
                return (
                  <tr
                    key={i}
                    ref={rowProps.ref}
                    data-vindex={rowProps["data-vindex"]}
                    aria-rowindex={rowProps["aria-rowindex"]}
                    data-testid="plan-change"
                    data-index={i}
                    data-action={c.action}
                    data-name={c.name}
                    data-type={c.type}
                    data-selected={on}
                    className={`border-b border-slate-100 align-top last:border-0 dark:border-slate-800/70 ${parent !== undefined ? "text-slate-600 dark:text-slate-400" : ""} ${on ? "" : "bg-slate-100 dark:bg-slate-800/60"}`}
                  >
                      <td className="py-1.5 pr-1">
                        {!readOnly && (
                          <Checkbox
                            data-testid={`change-checkbox-${i}`}
                            aria-label={`Include ${c.action} ${c.type} ${c.name}`}
                            checked={on}
                            disabled={parent !== undefined}
                            title={parent !== undefined ? "Goes with its record" : undefined}
                            onChange={(e) => onToggle([i], e.target.checked)}
                          />
                        )}
                      </td>
                      <td className={`py-1.5 text-center font-mono text-base font-bold leading-5 ${sym.cls}`}>
                        <span aria-hidden>{sym.glyph}</span>
                        <span className="sr-only">{c.action}</span>
                      </td>
                      <td className={`py-1.5 pr-3 ${parent !== undefined ? "pl-3" : ""}`}>
                        <div className="flex flex-wrap items-center gap-1.5">
                          {parent !== undefined && <span aria-hidden>↳</span>}
                          <span className="font-mono text-xs font-semibold">{c.type}</span>
                          {c.ownershipOf ? (
                            <span className="font-mono text-xs [overflow-wrap:anywhere]" title={`ownership record of ${c.ownershipOf}`}>
                              {c.name}
                            </span>
                          ) : (
                            <HostLink name={c.name} />
                          )}
                        </div>
                      </td>
                      <td className="py-1.5 pr-3">
                        {c.ownershipOf ? (
                          <div className="truncate font-mono text-xs" title={c.content}>
                            <Badge tone="muted">ownership</Badge> <span className={c.action === "delete" ? "line-through" : ""}>{c.content}</span>
                          </div>
                        ) : (
                          <Detail c={c} />
                        )}
                        {revert && (
                          <p className="mt-1 text-xs text-amber-900 dark:text-amber-200" data-testid="change-revert" title={revert}>
                            <Badge tone="amber">edited at Cloudflare</Badge> this undoes a manual change
                          </p>
                        )}
                      </td>
                      <td className="py-1.5 text-xs [overflow-wrap:anywhere]">{c.resource ? <ResourceLink resource={c.resource} /> : null}</td>
                  </tr>
                );
              }}
            />
          </Card>
        );
      })}
    </div>
  );
}
