"use client";

import { ApiRequestError } from "@/components/api/fetch-json";
import { Age } from "@/components/ui/age";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button, linkClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading } from "@/components/ui/feedback";
import { HostLink } from "@/components/ui/links";
import { Td, Th, Tr } from "@/components/ui/table";
import { VirtualTable } from "@/components/ui/virtual-table";
import type { AuditChange, AuditEntry, AuditOutcome } from "@/lib/api/types";
import { useAudit } from "./api";
import { countOf, formatCount, formatUtc } from "@/components/ui/format";

const OUTCOME: Record<AuditOutcome, Tone> = { ok: "green", partial: "amber", failed: "red", pending: "blue", interrupted: "orange" };
const STATUS: Record<AuditChange["status"], Tone> = { applied: "green", failed: "red", skipped: "slate", pending: "blue", unknown: "orange" };

/** An apply of thousands of changes lists the first ones; the export holds all. */
const SHOWN = 200;

function Changes({ entry }: { entry: AuditEntry }) {
  const data = entry.changes.filter((c) => !c.ownershipOf);
  return (
    <details>
      <summary className="cursor-pointer select-none text-xs text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white">
        {countOf(entry.changes.length, "change")} ({countOf(data.length, "record")}, {entry.changes.length - data.length} ownership TXT)
      </summary>
      <ul className="mt-1 space-y-0.5">
        {entry.changes.slice(0, SHOWN).map((c) => (
          <li key={c.index} className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="audit-change" data-status={c.status}>
            <Badge tone={STATUS[c.status]}>{c.status}</Badge>
            <span className="font-mono">{c.action}</span>
            <span className="font-mono font-semibold">{c.type}</span>
            {c.ownershipOf ? <span className="font-mono">{c.name}</span> : <HostLink name={c.name} />}
            {c.message && <span className="text-slate-600 dark:text-slate-400">{c.message}</span>}
            {c.cloudflareErrors?.map((e) => (
              <span key={e.code} className="text-red-800 dark:text-red-300">
                Cloudflare {e.code}: {e.message}
              </span>
            ))}
          </li>
        ))}
        {entry.changes.length > SHOWN && (
          <li className="text-xs text-slate-600 dark:text-slate-400">and {formatCount(entry.changes.length - SHOWN)} more (Export JSON has every change)</li>
        )}
      </ul>
    </details>
  );
}

export function AuditPage() {
  const { data, error, isPending, refetch, fetchNextPage, hasNextPage, isFetchingNextPage } = useAudit();
  const unavailable = error instanceof ApiRequestError && (error.status === 404 || error.status === 503);
  const entries = data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div>
      <PageHeader
        title="Audit"
        description="Every approved plan: who, when, which plan, what changed, and what Cloudflare said"
        actions={
          entries.length > 0 && (
            <a href="/api/audit/export" className={`text-sm ${linkClass}`} data-testid="audit-export" download>
              Export JSON
            </a>
          )
        }
      />
      {isPending ? (
        <Loading />
      ) : unavailable ? (
        <Empty testId="audit-unavailable">The audit history is not available on this server{error instanceof Error ? `: ${error.message}` : ""}.</Empty>
      ) : error ? (
        <ErrorBox error={error} retry={() => void refetch()} />
      ) : !entries.length ? (
        <Empty testId="audit-empty">No plan has been applied yet.</Empty>
      ) : (
        <Card>
          <VirtualTable
            caption="Applied plans, newest first"
            testId="audit-table"
            items={entries}
            total={entries.length}
            colSpan={5}
            estimate={72}
            maxHeight="calc(100vh - 14rem)"
            loadMore={() => void fetchNextPage()}
            loading={isFetchingNextPage}
            head={
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Plan</Th>
                <Th>Outcome</Th>
                <Th className="w-[45%]">Changes</Th>
              </tr>
            }
            renderRow={(e, _i, rowProps) => (
                <Tr {...rowProps} key={e.id} data-testid="audit-entry" data-outcome={e.outcome}>
                  <Td className="whitespace-nowrap">
                    <Age at={e.approvedAt} />
                    <div className="text-xs text-slate-600 dark:text-slate-400">{formatUtc(e.approvedAt)}</div>
                  </Td>
                  <Td>
                    <div>{e.actor.name}</div>
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      {e.actor.role} · {e.actor.via}
                    </div>
                  </Td>
                  <Td>
                    <div className="font-mono text-xs">{e.planHash.slice(0, 12)}</div>
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      {e.instance} · {e.zones.join(", ")}
                    </div>
                  </Td>
                  <Td>
                    <Badge tone={OUTCOME[e.outcome]}>{e.outcome}</Badge>
                    <div className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
                      {e.counts.applied} applied
                      {e.counts.failed ? `, ${e.counts.failed} failed` : ""}
                      {e.counts.skipped ? `, ${e.counts.skipped} skipped` : ""}
                      {e.counts.unknown ? `, ${e.counts.unknown} unknown` : ""}
                    </div>
                    {e.error && <div className="text-xs text-red-800 dark:text-red-300">{e.error}</div>}
                  </Td>
                  <Td>
                    <Changes entry={e} />
                  </Td>
                </Tr>
            )}
          />
          {hasNextPage && (
            <div className="mt-3 text-center">
              <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
                {isFetchingNextPage ? "Loading…" : "Load older"}
              </Button>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
