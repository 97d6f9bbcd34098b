import { Age } from "@/components/ui/age";
import { HealthBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { SourceHealth } from "@/lib/api/types";

const KIND_ORDER: SourceHealth["kind"][] = ["cluster", "cluster-kind", "cloudflare", "zone", "doh"];

export function SourcesHealth({ sources, onRefresh, refreshing }: { sources: SourceHealth[]; onRefresh: () => void; refreshing: boolean }) {
  const sorted = [...sources].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return (
    <Card
      title="Data sources"
      subtitle="Health and age of every input"
      testId="sources"
      actions={
        <button type="button" onClick={onRefresh} disabled={refreshing} className="text-xs font-medium text-sky-700 hover:underline disabled:opacity-60 dark:text-sky-400">
          {refreshing ? "refreshing…" : "refresh now"}
        </button>
      }
    >
      {!sorted.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No sources reported.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {sorted.map((s) => (
            <li key={s.id} data-testid="source-row" data-source-id={s.id} data-status={s.status} className={`py-1.5 text-sm ${s.kind === "cluster-kind" ? "pl-4" : ""}`}>
              <div className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate" title={s.id}>
                  {s.label}
                </span>
                <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  <Age at={s.fetchedAt} />
                  <HealthBadge status={s.status} />
                </span>
              </div>
              {s.error && (
                <p className="mt-0.5 text-xs text-red-700 dark:text-red-300">
                  <span className="font-mono">{s.error.code}</span>: {s.error.message}
                  {s.error.retryAfter !== undefined && ` (retry after ${s.error.retryAfter} s)`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
