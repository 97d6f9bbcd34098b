"use client";

// One line under the header whenever the data cannot be trusted fully: a source is stale or
// failing (so plans are read-only), or the server itself does not answer.

import { useSummary } from "@/components/api/state";
import { Age } from "@/components/ui/age";
import type { SummaryResponse } from "@/lib/api/types";

function problems(s: SummaryResponse) {
  // "loading" is a first read still in flight, not a problem worth a banner.
  return { complete: s.complete, bad: s.sources.filter((x) => x.status !== "ok" && x.status !== "loading"), generatedAt: s.generatedAt };
}

export function DataBanner() {
  const { data, error, isError } = useSummary(problems);
  if (isError && data) {
    return (
      <Bar testId="server-unreachable">
        Cannot reach the dnsdrift server ({error instanceof Error ? error.message : "error"}); showing data from <Age at={data.generatedAt} />.
      </Bar>
    );
  }
  if (!data || (data.complete && !data.bad.length)) return null;
  return (
    <Bar testId="data-banner">
      <strong className="font-semibold">{data.complete ? "Some checks are failing" : "Data is partial or stale"}</strong>
      {data.bad.length > 0 && (
        <>
          {": "}
          {data.bad.map((s, i) => (
            <span key={s.id}>
              {i > 0 && "; "}
              {s.label} is <strong>{s.status}</strong>
              {s.fetchedAt && (
                <>
                  {" "}
                  (last good read <Age at={s.fetchedAt} />)
                </>
              )}
              {s.error && <> — {s.error.message}</>}
            </span>
          ))}
        </>
      )}
      {data.complete ? "." : ". Plans are read-only until every source is fresh."}
    </Bar>
  );
}

function Bar({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <div role="status" data-testid={testId} className="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100">
      <p className="mx-auto max-w-screen-2xl px-4 py-1.5 text-sm">{children}</p>
    </div>
  );
}
