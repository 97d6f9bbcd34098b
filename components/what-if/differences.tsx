// The differences, grouped by cause: each group names what makes the difference (an annotation
// no longer read, a flag, the release's behaviour), the object involved, and the changes it makes,
// with the consequences worth a warning.

import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ResourceLink } from "@/components/ui/links";
import type { WhatIfCause, WhatIfChange } from "@/lib/api/types";
import { countOf, formatProxied, formatTtl } from "@/components/ui/format";

const ACTION_TONE: Record<WhatIfChange["action"], Tone> = { create: "blue", update: "amber", delete: "red" };
const CAUSE_LABEL: Record<WhatIfCause["code"], string> = {
  "annotation-prefix-changed": "annotation no longer read",
  "flag-changed": "flag changed",
  "version-behaviour": "new release behaviour",
};

interface Group {
  cause: WhatIfCause;
  changes: WhatIfChange[];
}

export function groupByCause(changes: WhatIfChange[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of changes) {
    for (const cause of c.causes) {
      const key = `${cause.code}\u0000${cause.resource}\u0000${cause.message}`;
      const g = groups.get(key) ?? { cause, changes: [] };
      g.changes.push(c);
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.changes.length - a.changes.length || a.cause.resource.localeCompare(b.cause.resource));
}

function ChangeRow({ c }: { c: WhatIfChange }) {
  const attrs = c.action === "delete" ? "" : ` · ${formatProxied(Boolean(c.proxied))} · ttl ${formatTtl(c.ttl ?? 1)}`;
  return (
    <li className="py-1.5" data-testid="what-if-change" data-action={c.action} data-name={c.name} data-type={c.type}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={ACTION_TONE[c.action]}>{c.action}</Badge>
        <span className="font-mono text-[0.8125rem] break-all">{c.name}</span>
        <span className="text-xs font-semibold">{c.type}</span>
        <span className="font-mono text-xs text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">
          {c.previous && c.previous.content !== c.content ? `${c.previous.content} → ` : ""}
          {c.content}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400">{attrs}</span>
      </div>
      {c.consequences.length > 0 && (
        <ul className="mt-1 space-y-0.5">
          {c.consequences.map((w) => (
            <li key={w.code} className="flex items-start gap-1.5 text-xs text-amber-900 dark:text-amber-200" data-testid="what-if-consequence" data-code={w.code}>
              <span aria-hidden>⚠</span>
              <span>{w.message}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ChangeGroups({ title, changes, testId, empty }: { title: string; changes: WhatIfChange[]; testId: string; empty: string }) {
  const groups = groupByCause(changes);
  return (
    <Card title={title} subtitle={changes.length ? countOf(changes.length, "change") : undefined} testId={testId}>
      {!groups.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <div className="space-y-4">
          {groups.map((g) => (
            <section key={`${g.cause.code}-${g.cause.resource}-${g.cause.message}`} data-testid="what-if-cause" data-code={g.cause.code} data-resource={g.cause.resource}>
              <header className="flex flex-wrap items-center gap-2">
                <Badge tone="violet">{CAUSE_LABEL[g.cause.code] ?? g.cause.code}</Badge>
                {g.cause.resource.includes("/") ? <ResourceLink resource={g.cause.resource} /> : <span className="font-mono text-xs">{g.cause.flag ?? g.cause.resource}</span>}
              </header>
              <p className="mt-1 text-sm">{g.cause.message}</p>
              <ul className="mt-1 divide-y divide-slate-100 border-l-2 border-slate-200 pl-3 dark:divide-slate-800 dark:border-slate-700">
                {g.changes.map((c, i) => (
                  <ChangeRow key={`${c.action}-${c.type}-${c.name}-${c.content}-${i}`} c={c} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}
