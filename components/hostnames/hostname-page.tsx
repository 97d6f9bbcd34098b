"use client";

import Link from "next/link";
import { StateBadge, VerdictBadge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ErrorBox, Loading, Notice } from "@/components/ui/feedback";
import { hostnameHref, ResourceLink } from "@/components/ui/links";
import type { ExplainDocument, ExplainResponse } from "@/lib/api/types";

type RecordChange = ExplainDocument["changes"][number];
import { useExplain, useHostnameState, useLookup } from "./api";
import type { PathStep } from "./path";
import { ExplainTrace } from "./explain-trace";
import { WITHHELD_CODES } from "@/lib/externaldns/explain";
import { FixesList } from "./fixes-list";
import { HostnameTimeline } from "@/components/history/timeline";
import { CloudflareColumn, DesiredColumn, PublicDnsColumn } from "./side-by-side";
import { fieldChanges, type RecordFields } from "@/components/ui/format";

const HEADLINE: Record<ExplainDocument["verdict"], string> = {
  "in-sync": "Cloudflare has exactly what external-dns wants.",
  "will-create": "external-dns wants this record and will create it on its next loop.",
  "will-update": "Cloudflare differs from what external-dns wants; it will be changed on the next loop.",
  "will-delete": "No source wants this record any more; external-dns will delete it on its next loop.",
  "not-desired": "external-dns does not publish this name.",
  blocked: "external-dns wants this name but will not write it.",
};

const WITHHELD_HEADLINE = "dnsdrift withholds a change at this name: what it cannot see (a source or setting it does not model, or stale data) may still want this record.";

/** Verdict and record state that say the same thing; one badge is enough. */
const REDUNDANT = new Set(["blocked/blocked", "in-sync/in-sync", "will-update/drifted", "will-create/missing", "will-delete/orphaned"]);

const SYMBOL: Record<RecordChange["action"], string> = { create: "+", update: "~", delete: "−" };

function involved(doc: ExplainResponse, path: PathStep[][]): string[] {
  const all = [
    ...path.flat().map((s) => s.resource),
    ...doc.desired.map((d) => d.resource),
    ...doc.reasons.map((r) => r.resource),
    ...doc.records.map((r) => r.resource ?? ""),
    ...(doc.fixes ?? []).map((f) => (f.patch?.resource.includes("/") ? f.patch.resource : "")),
  ];
  return [...new Set(all)].filter((r) => r && r !== "config" && !r.startsWith("record/"));
}

export function HostnamePage({ hostname }: { hostname: string }) {
  const explain = useExplain(hostname);
  const lookup = useLookup(hostname);
  const { data: st } = useHostnameState(hostname);
  const doc = explain.data;

  return (
    <div className="space-y-4">
      <PageHeader
        title={<span className="font-mono [overflow-wrap:anywhere]">{hostname}</span>}
        description={doc ? (doc.verdict === "blocked" && doc.reasons.some((r) => WITHHELD_CODES.has(r.code)) ? WITHHELD_HEADLINE : HEADLINE[doc.verdict]) : "Why is this record (not) there?"}
        actions={
          <>
            {doc && <VerdictBadge verdict={doc.verdict} testId="hostname-verdict" />}
            {st?.view && st.records.length > 0 && !REDUNDANT.has(`${doc?.verdict}/${st.view.state}`) && <StateBadge state={st.view.state} />}
          </>
        }
      />
      {explain.isPending ? (
        <Loading label="Explaining…" />
      ) : !doc ? (
        <ErrorBox error={explain.error} retry={() => void explain.refetch()} />
      ) : (
        <>
          {!doc.reasons.length && !doc.records.length && !doc.desired.length && (
            <Notice testId="unknown-hostname">
              dnsdrift knows nothing about this name: no object asks for it and no record holds it.
              {st && st.similar.length > 0 && (
                <>
                  {" "}
                  Similar names:{" "}
                  {st.similar.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ", "}
                        <Link className={linkClass} href={hostnameHref(k)}>
                          {k}
                        </Link>
                      </span>
                    ))}
                </>
              )}
            </Notice>
          )}
          <div className="grid gap-4 lg:grid-cols-12">
            <div className="lg:col-span-7">
              <ExplainTrace reasons={doc.reasons} path={st?.path ?? []} />
            </div>
            <div className="lg:col-span-5">
              <FixesList fixes={doc.fixes} verdict={doc.verdict} />
            </div>
          </div>
          <HostnameTimeline hostname={hostname} />
          <div className="grid gap-4 md:grid-cols-3">
            <DesiredColumn desired={doc.desired} />
            <CloudflareColumn doc={doc} states={st?.records ?? []} />
            <PublicDnsColumn lookup={lookup.data} error={lookup.error} isPending={lookup.isPending} />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Pending changes" subtitle="What the plan would do at this name" testId="hostname-changes">
              {!doc.changes.length ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
              ) : (
                <>
                  <ul className="space-y-1 font-mono text-[0.8125rem]">
                    {doc.changes.map((c, i) => (
                      <li key={i} className="[overflow-wrap:anywhere]">
                        {/* A label on a plain span is not read out: the word is there as text. */}
                        <span aria-hidden className="mr-1 font-bold">
                          {SYMBOL[c.action]}
                        </span>
                        <span className="sr-only">{c.action} </span>
                        {c.type} {c.name} {c.action === "update" && c.previous ? changed(c.previous, c) : c.content}
                      </li>
                    ))}
                  </ul>
                  <Link href="/plan" className={`mt-2 inline-block text-sm ${linkClass}`}>
                    Review and approve on the Plan page →
                  </Link>
                </>
              )}
            </Card>
            <Card title="Objects involved" testId="hostname-objects">
              {involved(doc, st?.path ?? []).length ? (
                <ul className="space-y-1">
                  {involved(doc, st?.path ?? []).map((r) => (
                    <li key={r}>
                      <ResourceLink resource={r} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">No cluster object mentions this name.</p>
              )}
            </Card>
          </div>
        </>
      )}
    </div>
  );
}

/** Only what changes: "proxied: DNS only → proxied". */
function changed(before: RecordFields, after: RecordFields): string {
  const parts = fieldChanges({ ...before, comment: undefined }, { ...after, comment: undefined }).map((f) => (f.field === "content" ? `${f.from} → ${f.to}` : `${f.field}: ${f.from} → ${f.to}`));
  return parts.join(", ") || after.content;
}
