import { SeverityIcon } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ResourceLink } from "@/components/ui/links";
import type { ReasonJSON } from "@/lib/api/types";
import type { PathStep } from "./path";

function Path({ steps }: { steps: PathStep[] }) {
  return (
    <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-xs" data-testid="explain-path">
      {steps.map((s, i) => (
        <li key={i} className="flex items-center gap-1">
          {i > 0 && (
            <span aria-hidden className="text-slate-400">
              →
            </span>
          )}
          <span
            className={`inline-flex flex-wrap items-center gap-1 rounded border px-1.5 py-0.5 ${
              s.ok ? "border-slate-300 dark:border-slate-700" : "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40"
            }`}
          >
            <span className="text-slate-600 dark:text-slate-400">{s.kind}</span>
            {s.resource ? <ResourceLink resource={s.resource} className="[&>span]:text-xs" /> : <span className="font-mono">{s.label}</span>}
            {s.note && <span className={s.ok ? "text-slate-600 dark:text-slate-400" : "font-medium text-red-800 dark:text-red-200"}>{s.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The reasons in order, as numbered steps: "this object → this rule → this consequence". */
export function ExplainTrace({ reasons, path }: { reasons: ReasonJSON[]; path: PathStep[][] }) {
  return (
    <Card title="Why" subtitle="Every object that mentions this name, and what external-dns does with it" testId="explain-trace">
      {path.length > 0 && (
        <div className="mb-3 space-y-1.5 border-b border-slate-200 pb-3 dark:border-slate-800">
          {path.map((steps, i) => (
            <Path key={i} steps={steps} />
          ))}
        </div>
      )}
      {!reasons.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No Gateway route, Ingress or DNSEndpoint mentions this name, and no record holds it.</p>
      ) : (
        <ol className="space-y-2">
          {reasons.map((r, i) => (
            <li key={i} data-testid="explain-reason" data-code={r.code} className="flex gap-2.5 text-sm">
              <span aria-hidden className="mt-0.5 w-4 shrink-0 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400">
                {i + 1}.
              </span>
              <SeverityIcon severity={r.severity} />
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-x-2 text-xs">
                  <span className="rounded bg-slate-100 px-1 font-mono text-slate-800 dark:bg-slate-800 dark:text-slate-200">{r.code}</span>
                  {r.resource && r.resource !== "config" ? <ResourceLink resource={r.resource} /> : <span className="text-slate-600 dark:text-slate-400">configuration</span>}
                </div>
                <p className="mt-0.5 [overflow-wrap:anywhere]">{r.message}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
