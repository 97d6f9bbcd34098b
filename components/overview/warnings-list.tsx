import { SeverityIcon } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { SubjectLink } from "@/components/ui/links";
import type { Warning } from "@/lib/api/types";
import { countOf } from "@/components/ui/format";

export function WarningsList({ warnings }: { warnings: Warning[] }) {
  return (
    <Card title="Needs action" subtitle={warnings.length ? countOf(warnings.length, "finding") : undefined} testId="warnings">
      {!warnings.length ? (
        <p className="text-sm text-emerald-800 dark:text-emerald-300">Nothing needs action.</p>
      ) : (
        <ul className="space-y-3">
          {warnings.map((w, i) => (
            <li key={`${w.code}-${i}`} data-testid="warning" data-code={w.code} className="flex gap-2 text-sm">
              <SeverityIcon severity={w.severity} />
              <div className="min-w-0">
                <p>{w.message}</p>
                {w.subjects.length > 0 && (
                  <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5">
                    {w.subjects.slice(0, 12).map((s) => (
                      <li key={s}>
                        <SubjectLink subject={s} />
                      </li>
                    ))}
                    {w.subjects.length > 12 && <li className="text-xs text-slate-600 dark:text-slate-400">and {w.subjects.length - 12} more</li>}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
