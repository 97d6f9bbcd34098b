// Status badges. Every state has a colour AND a word, so colour is never the only signal.

import type { ExplainDocument, RecordState, SourceHealth } from "@/lib/api/types";

export type Tone = "green" | "blue" | "amber" | "orange" | "red" | "violet" | "slate" | "muted";

const TONES: Record<Tone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/25 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
  orange: "bg-orange-50 text-orange-800 ring-orange-600/25 dark:bg-orange-400/10 dark:text-orange-300 dark:ring-orange-400/30",
  red: "bg-red-50 text-red-800 ring-red-600/25 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/25 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/30",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/25 dark:bg-slate-400/10 dark:text-slate-300 dark:ring-slate-400/30",
  muted: "bg-transparent text-slate-600 ring-slate-400/40 dark:text-slate-400 dark:ring-slate-500/40",
};

export function Badge({ tone = "slate", children, title, testId }: { tone?: Tone; children: React.ReactNode; title?: string; testId?: string }) {
  return (
    <span
      title={title}
      data-testid={testId}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-px text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

export const STATE_LABEL: Record<RecordState, string> = {
  "in-sync": "in sync",
  missing: "missing",
  drifted: "drifted",
  orphaned: "orphaned",
  "other-owner": "another owner",
  unowned: "unowned",
  blocked: "blocked",
  ownership: "ownership",
};

export const STATE_TONE: Record<RecordState, Tone> = {
  "in-sync": "green",
  missing: "blue",
  drifted: "amber",
  orphaned: "orange",
  "other-owner": "violet",
  unowned: "slate",
  blocked: "red",
  ownership: "muted",
};

export const STATE_HELP: Record<RecordState, string> = {
  "in-sync": "Cloudflare matches what external-dns wants",
  missing: "wanted by a source, not at Cloudflare yet",
  drifted: "differs from what external-dns wants (often edited by hand at Cloudflare)",
  orphaned: "owned by this external-dns, but no source wants it any more",
  "other-owner": "owned by another external-dns instance (another --txt-owner-id)",
  unowned: "no ownership TXT: external-dns leaves it alone",
  blocked: "wanted by a source, but a record external-dns will not touch holds the name",
  ownership: "an external-dns ownership TXT record",
};

export function StateBadge({ state }: { state: RecordState }) {
  return (
    <Badge tone={STATE_TONE[state]} title={STATE_HELP[state]}>
      <span aria-hidden className="size-1.5 rounded-full bg-current opacity-70" />
      {STATE_LABEL[state]}
    </Badge>
  );
}

type Verdict = ExplainDocument["verdict"];

const VERDICT: Record<Verdict, [Tone, string]> = {
  "in-sync": ["green", "in sync"],
  "will-create": ["blue", "will be created"],
  "will-update": ["amber", "will be updated"],
  "will-delete": ["orange", "will be deleted"],
  "not-desired": ["slate", "not published"],
  blocked: ["red", "blocked"],
};

export function VerdictBadge({ verdict, testId }: { verdict: Verdict; testId?: string }) {
  const [tone, label] = VERDICT[verdict] ?? ["slate", verdict];
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}

const HEALTH: Record<SourceHealth["status"], Tone> = { ok: "green", stale: "amber", error: "red", missing: "red", loading: "slate" };

export function HealthBadge({ status }: { status: SourceHealth["status"] }) {
  return <Badge tone={HEALTH[status] ?? "slate"}>{status}</Badge>;
}

export function SeverityIcon({ severity }: { severity: "info" | "warning" | "error" }) {
  const cls =
    severity === "error"
      ? "bg-red-600 text-white"
      : severity === "warning"
        ? "bg-amber-500 text-slate-950"
        : "bg-slate-300 text-slate-800 dark:bg-slate-600 dark:text-slate-100";
  const glyph = severity === "error" ? "!" : severity === "warning" ? "!" : "i";
  return (
    <span aria-label={severity} role="img" className={`inline-flex size-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${cls}`}>
      {glyph}
    </span>
  );
}
