"use client";

import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { HostLink } from "@/components/ui/links";
import type { ApplyResponse } from "@/lib/api/types";
import { countOf, formatCount } from "@/components/ui/format";

const TONE = { applied: "green", failed: "red", skipped: "slate" } as const;

export function ApplyResults({ result, onDismiss }: { result: ApplyResponse; onDismiss: () => void }) {
  const applied = result.results.filter((r) => r.status === "applied").length;
  // Approve is disabled while the apply runs, which takes the keyboard focus away: the outcome
  // takes it, so a keyboard or screen-reader user lands on what happened.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [result]);
  return (
    <div ref={ref} tabIndex={-1} role="region" aria-label="Apply results" className="rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600">
      <Card
        testId="apply-results"
        title={result.ok ? `Applied ${countOf(applied, "change")}` : `${formatCount(applied)} of ${countOf(result.results.length, "change")} applied`}
        subtitle={<span className="font-mono">plan {result.hash.slice(0, 12)}</span>}
        actions={
          <button type="button" onClick={onDismiss} className="text-xs font-medium text-slate-600 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-400">
            Dismiss
          </button>
        }
        accent={result.ok ? "green" : "red"}
      >
        <ul className="space-y-1 text-sm">
          {result.results.map((r) => (
            <li key={r.index} data-testid="apply-result" data-status={r.status} data-name={r.name} data-type={r.type} className="flex flex-wrap items-center gap-2">
              <Badge tone={TONE[r.status]}>{r.status}</Badge>
              <span className="font-mono text-xs">{r.action}</span>
              <span className="font-mono text-xs font-semibold">{r.type}</span>
              {r.type === "TXT" ? <span className="font-mono text-xs">{r.name}</span> : <HostLink name={r.name} />}
              {r.message && <span className="text-xs text-slate-700 dark:text-slate-300">{r.message}</span>}
              {r.cloudflareErrors?.map((e) => (
                <span key={e.code} className="text-xs text-red-800 dark:text-red-300">
                  Cloudflare {e.code}: {e.message}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
