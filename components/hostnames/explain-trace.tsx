import { SeverityIcon } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ResourceLink } from "@/components/ui/links";
import type { ReasonJSON } from "@/lib/api/types";

/** The reasons in order, as numbered steps: "this object → this rule → this consequence". */
export function ExplainTrace({ reasons, headline }: { reasons: ReasonJSON[]; headline: string }) {
  return (
    <Card title="Why" subtitle={headline} testId="explain-trace">
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
