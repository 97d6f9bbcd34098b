import { Badge, SeverityIcon } from "@/components/ui/badge";
import type { ReasonJSON } from "@/lib/api/types";

const IGNORED = new Set(["annotation-ignored-here", "annotation-prefix-mismatch"]);

/** An object's reasons: problems in full, routine notes ("endpoint-produced", "in-sync") folded away. */
export function ReasonList({ reasons, compact = false }: { reasons: ReasonJSON[]; compact?: boolean }) {
  const loud = reasons.filter((r) => r.severity !== "info" || !ROUTINE.has(r.code));
  const quiet = reasons.filter((r) => !loud.includes(r));
  if (!reasons.length) return null;
  return (
    <div className="space-y-1">
      {loud.map((r, i) => (
        <ReasonLine key={i} reason={r} />
      ))}
      {quiet.length > 0 && (
        <details className="text-xs text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer select-none hover:text-slate-900 dark:hover:text-slate-200">
            {compact ? `${quiet.length} note${quiet.length === 1 ? "" : "s"}` : `${quiet.length} routine note${quiet.length === 1 ? "" : "s"}`}
          </summary>
          <div className="mt-1 space-y-1">
            {quiet.map((r, i) => (
              <ReasonLine key={i} reason={r} />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

const ROUTINE = new Set(["endpoint-produced", "in-sync"]);

export function ReasonLine({ reason }: { reason: ReasonJSON }) {
  return (
    <p className="flex items-start gap-1.5 text-xs leading-snug" data-testid="reason" data-code={reason.code}>
      <SeverityIcon severity={reason.severity} />
      <span className="min-w-0">
        {IGNORED.has(reason.code) ? (
          <Badge tone="amber">ignored</Badge>
        ) : (
          <span className="font-mono text-[11px] text-slate-600 dark:text-slate-400">{reason.code}</span>
        )}{" "}
        <span className="[overflow-wrap:anywhere]">{reason.message}</span>
      </span>
    </p>
  );
}
