"use client";

import { ApiRequestError } from "@/components/api/fetch-json";
import { Age } from "@/components/ui/age";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Empty, ErrorBox, Loading } from "@/components/ui/feedback";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useAudit, type AuditEntry } from "./api";

function when(e: AuditEntry): string | undefined {
  return e.at ?? e.time ?? (typeof e.timestamp === "string" ? e.timestamp : undefined);
}

function counts(e: AuditEntry): string {
  const rs = e.results ?? [];
  if (!rs.length) return "—";
  const by = (s: string) => rs.filter((r) => r.status === s).length;
  return `${by("applied")} applied${by("failed") ? `, ${by("failed")} failed` : ""}${by("skipped") ? `, ${by("skipped")} skipped` : ""}`;
}

export function AuditPage() {
  const { data, error, isPending, refetch } = useAudit();
  const missing = error instanceof ApiRequestError && error.status === 404;
  return (
    <div>
      <PageHeader title="Audit" description="Every approved plan: who, when, which plan, what changed, and what Cloudflare said" />
      {isPending ? (
        <Loading />
      ) : missing ? (
        <Empty testId="audit-unavailable">The audit history is not available on this server yet.</Empty>
      ) : error ? (
        <ErrorBox error={error} retry={() => void refetch()} />
      ) : !data?.length ? (
        <Empty testId="audit-empty">No plan has been applied yet.</Empty>
      ) : (
        <Card>
          <Table caption="Applied plans, newest first" testId="audit-table">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Plan</Th>
                <Th>Result</Th>
                <Th className="w-[45%]">Changes</Th>
              </tr>
            </thead>
            <tbody>
              {data.map((e, i) => (
                <Tr key={i} data-testid="audit-entry">
                  <Td className="whitespace-nowrap">{when(e) ? <Age at={when(e)} /> : "—"}</Td>
                  <Td>{e.actor ?? e.user ?? "—"}</Td>
                  <Td className="font-mono text-xs">{e.hash?.slice(0, 12) ?? "—"}</Td>
                  <Td>
                    {e.ok === undefined ? null : <Badge tone={e.ok ? "green" : "red"}>{e.ok ? "ok" : "failed"}</Badge>} <span className="text-xs">{counts(e)}</span>
                  </Td>
                  <Td>
                    <ul className="space-y-0.5 font-mono text-xs">
                      {(e.results ?? []).slice(0, 8).map((r, j) => (
                        <li key={j} className="[overflow-wrap:anywhere]">
                          {r.status} {r.action} {r.type} {r.name}
                        </li>
                      ))}
                      {(e.results?.length ?? 0) > 8 && <li>and {(e.results?.length ?? 0) - 8} more</li>}
                    </ul>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
    </div>
  );
}
