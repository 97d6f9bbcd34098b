import { Age } from "@/components/ui/age";
import { Badge, StateBadge, type Tone } from "@/components/ui/badge";
import { ApiRequestError } from "@/components/api/fetch-json";
import { Spinner } from "@/components/ui/feedback";
import { ResourceLink } from "@/components/ui/links";
import type { DesiredJSON, ExplainDocument, RecordView } from "@/lib/api/types";
import type { LookupResponse } from "@/lib/api/types";
import { formatProxied, formatTtl } from "@/components/ui/format";

function Column({ title, subtitle, children, testId }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode; testId: string }) {
  return (
    <section data-testid={testId} className="min-w-0 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{title}</h2>
        {subtitle && <p className="text-xs text-slate-600 dark:text-slate-400">{subtitle}</p>}
      </header>
      <div className="space-y-2 px-3 py-2">{children}</div>
    </section>
  );
}

const ttlText = (ttl: number | undefined) => formatTtl(ttl, "—");

/** A value that differs from what external-dns wants gets a marker and the wanted value. */
function Diff({ label, value, want }: { label: string; value: string; want?: string }) {
  const differs = want !== undefined && want !== value;
  return (
    <span className={differs ? "rounded bg-amber-100 px-1 text-amber-950 dark:bg-amber-500/20 dark:text-amber-100" : ""} data-differs={differs || undefined}>
      {label} {value}
      {differs && <span className="text-xs"> (wanted {want})</span>}
    </span>
  );
}

function DesiredItem({ d }: { d: DesiredJSON }) {
  return (
    <div className="text-sm">
      <div className="font-mono text-[0.8125rem] [overflow-wrap:anywhere]">
        <span className="font-semibold">{d.type}</span> {d.targets.join(", ")}
      </div>
      <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-700 dark:text-slate-300">
        <span>{formatProxied(d.proxied)}</span>
        <span>TTL {ttlText(d.ttl)}</span>
        {d.setIdentifier && <span>set {d.setIdentifier}</span>}
      </div>
      <div className="mt-0.5 text-xs">
        from <ResourceLink resource={d.resource} />
      </div>
    </div>
  );
}

export function DesiredColumn({ desired }: { desired: DesiredJSON[] }) {
  return (
    <Column title="Desired" subtitle="What external-dns computes from the cluster" testId="desired-column">
      {desired.length ? desired.map((d, i) => <DesiredItem key={i} d={d} />) : <p className="text-sm text-slate-600 dark:text-slate-400">Nothing: no source publishes this name.</p>}
    </Column>
  );
}

export function CloudflareColumn({ doc, states }: { doc: ExplainDocument; states: RecordView[] }) {
  const data = doc.records.filter((r) => !r.ownershipOf);
  const txts = doc.records.filter((r) => r.ownershipOf);
  const stateOf = (id: string) => states.find((s) => s.id === id)?.state;
  return (
    <Column title="Cloudflare" subtitle="The records in the zone, and who owns them" testId="cloudflare-column">
      {!data.length && <p className="text-sm text-slate-600 dark:text-slate-400">No record at this name.</p>}
      {data.map((r) => {
        const want = doc.desired.find((d) => d.type === r.type);
        const state = stateOf(r.id);
        return (
          <div key={r.id} className="text-sm" data-testid="cloudflare-record" data-type={r.type}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-[0.8125rem] [overflow-wrap:anywhere]">
                <span className="font-semibold">{r.type}</span> {r.content}
              </span>
              {state && <StateBadge state={state} />}
            </div>
            <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-700 dark:text-slate-300">
              {["A", "AAAA", "CNAME"].includes(r.type) && <Diff label="" value={formatProxied(r.proxied)} want={want ? formatProxied(want.proxied) : undefined} />}
              <Diff label="TTL" value={ttlText(r.ttl)} want={want ? ttlText(want.ttl) : undefined} />
              <span>
                owner{" "}
                {r.owner === undefined ? "—" : r.owner === "" ? <em>none (unowned)</em> : <span className="font-mono">{r.owner}</span>}
              </span>
            </div>
            {r.resource && (
              <div className="mt-0.5 text-xs">
                claimed by <ResourceLink resource={r.resource} />
              </div>
            )}
          </div>
        );
      })}
      {txts.length > 0 && (
        <div className="border-t border-slate-200 pt-2 dark:border-slate-800">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">Ownership TXT</h3>
          {txts.map((t) => (
            <div key={t.id} className="mt-1 text-xs">
              <div className="font-mono [overflow-wrap:anywhere]">{t.name}</div>
              <div className="font-mono text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{t.content}</div>
              {t.ownershipOf && (
                <div className="text-slate-600 dark:text-slate-400">
                  claims {t.ownershipOf.type} · {t.ownershipOf.format} format
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </Column>
  );
}

const GOOD = new Set(["matches", "proxied-ok", "absent"]);
const NEUTRAL = new Set(["unchecked", "unknown", "resolvers-disagree"]);
function lookupTone(v: string | undefined): Tone {
  if (!v) return "slate";
  if (GOOD.has(v)) return "green";
  if (NEUTRAL.has(v)) return "amber";
  if (v === "resolver-failure") return "slate";
  return "red";
}

export function PublicDnsColumn({ lookup, error, isPending }: { lookup?: LookupResponse; error: unknown; isPending: boolean }) {
  const unavailable = error instanceof ApiRequestError && (error.status === 404 || error.status === 501);
  return (
    <Column
      title="Public DNS"
      subtitle={lookup?.checkedAt ? <>What resolvers answer · checked <Age at={lookup.checkedAt} /></> : "What resolvers answer over DNS-over-HTTPS"}
      testId="public-dns-column"
    >
      {isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <Spinner /> asking resolvers…
        </p>
      ) : error || !lookup ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="lookup-unavailable">
          {unavailable ? "Public DNS check not available on this server." : `Public DNS check not available: ${error instanceof Error ? error.message : "no answer"}.`}
        </p>
      ) : (
        <>
          {lookup.verdict && (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={lookupTone(lookup.verdict)} testId="lookup-verdict">
                {lookup.verdict}
              </Badge>
              {lookup.hint && <span className="text-xs text-slate-700 dark:text-slate-300">{lookup.hint}</span>}
            </p>
          )}
          {(lookup.resolvers ?? []).map((r) => (
            <div key={r.id} className="text-sm" data-testid="lookup-resolver">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{r.label ?? r.id}</span>
                {r.verdict && <Badge tone={lookupTone(r.verdict)}>{r.verdict}</Badge>}
                {r.elapsedMs !== undefined && <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{Math.round(r.elapsedMs)} ms{r.cached ? " · cached" : ""}</span>}
              </div>
              {r.error ? (
                <p className="text-xs text-red-700 dark:text-red-300">{r.error.message}</p>
              ) : r.answers?.length ? (
                <ul className="mt-0.5 font-mono text-xs">
                  {r.answers.map((a, i) => (
                    <li key={i} className="[overflow-wrap:anywhere]">
                      {a.type} {a.data}
                      {a.ttl !== undefined && <span className="text-slate-500 dark:text-slate-400"> · ttl {a.ttl}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-xs text-slate-600 dark:text-slate-400">{r.rcode ?? "no answer"}</p>
              )}
              {r.detail && <p className="text-xs text-slate-600 dark:text-slate-400">{r.detail}</p>}
            </div>
          ))}
        </>
      )}
    </Column>
  );
}
