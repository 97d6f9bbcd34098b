import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock, CopyButton } from "@/components/ui/copy-button";
import { ResourceLink } from "@/components/ui/links";
import type { ExplainDocument, Fix } from "@/lib/api/types";

function RecordToWrite({ record }: { record: NonNullable<Fix["record"]> }) {
  const verb = record.action === "create" ? "Create at Cloudflare" : record.action === "update" ? "Change at Cloudflare" : "Delete at Cloudflare";
  return (
    <div className="rounded-md border border-slate-200 text-sm dark:border-slate-700" data-testid="fix-record">
      <div className="flex items-center justify-between border-b border-slate-200 px-2 py-1 text-xs font-semibold text-slate-700 dark:border-slate-700 dark:text-slate-300">
        <span>
          {verb} · zone {record.zone}
        </span>
        <Badge tone={record.action === "delete" ? "red" : record.action === "create" ? "blue" : "amber"}>{record.action}</Badge>
      </div>
      <dl className="grid grid-cols-[max-content_1fr_max-content] items-start gap-x-2 gap-y-1 px-2 py-1.5">
        {(
          [
            ["type", record.type],
            ["name", record.name],
            ["content", record.content],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="font-mono text-[0.8125rem] [overflow-wrap:anywhere]">{v}</dd>
            <dd>{k !== "type" && <CopyButton text={v} />}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function FixesList({ fixes, verdict }: { fixes: Fix[] | undefined; verdict: ExplainDocument["verdict"] }) {
  return (
    <Card title="The fix" subtitle={fixes?.length ? "Most direct first; review before applying" : undefined} testId="fixes">
      {fixes === undefined ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">This server does not suggest fixes.</p>
      ) : !fixes.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-fix">
          {verdict === "in-sync" ? "Nothing to fix: Cloudflare has what external-dns wants." : "No change to suggest; the reasons on the left say what external-dns does with this name."}
        </p>
      ) : (
        <ol className="space-y-4">
          {fixes.map((f, i) => (
            <li key={i} data-testid="fix" data-code={f.code} className="space-y-2">
              <h3 className="text-sm font-semibold">{f.title}</h3>
              <p className="text-sm text-slate-700 dark:text-slate-300">{f.description}</p>
              {f.patch && (
                <div>
                  <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">
                    Patch for {f.patch.resource.includes("/") ? <ResourceLink resource={f.patch.resource} /> : <span className="font-medium">{f.patch.resource}</span>}
                  </p>
                  <CodeBlock code={f.patch.yaml} label="YAML" testId="fix-patch" />
                </div>
              )}
              {f.command && (
                <div>
                  <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">Or run</p>
                  <CodeBlock code={f.command} label="command" testId="fix-command" wrap />
                </div>
              )}
              {f.record && <RecordToWrite record={f.record} />}
              {f.code.startsWith("pending-") && !f.patch && (
                <Link href="/plan" className={`inline-block text-sm font-medium ${linkClass}`} data-testid="fix-plan-link">
                  Review and approve on the Plan page →
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
