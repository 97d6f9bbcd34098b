// What to do before the change: the fixes (values lines, kubectl commands, patches — each with a
// copy button) and the orders of steps that never publish the differences.

import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/copy-button";
import type { WhatIfResponse } from "@/lib/api/types";

export function WhatIfFixes({ fixes }: { fixes: WhatIfResponse["fixes"] }) {
  if (!fixes.length) return null;
  return (
    <Card title="Fixes" testId="what-if-fixes">
      <ol className="space-y-4">
        {fixes.map((f, i) => (
          <li key={`${f.code}-${i}`} data-testid="what-if-fix" className="space-y-2">
            <h3 className="text-sm font-semibold">{f.title}</h3>
            <p className="text-sm text-slate-700 dark:text-slate-300">{f.description}</p>
            {f.patch && (
              <div>
                <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">{f.patch.resource}</p>
                <CodeBlock code={f.patch.yaml} label="patch" testId="what-if-fix-patch" maxHeight="24rem" />
              </div>
            )}
            {f.command && <CodeBlock code={f.command} label="commands" testId="what-if-fix-command" wrap maxHeight="24rem" />}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function SafeOrder({ order }: { order: WhatIfResponse["order"] }) {
  return (
    <Card title="Safe order of steps" testId="what-if-order">
      <div className="grid gap-4 md:grid-cols-2">
        {order.safe.map((o) => (
          <section key={o.title} data-testid="what-if-safe-order">
            <h3 className="text-sm font-semibold text-emerald-800 dark:text-emerald-300">✓ {o.title}</h3>
            <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
              {o.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      {order.unsafe.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
          {order.unsafe.map((u) => (
            <li key={u} className="text-red-800 dark:text-red-300" data-testid="what-if-unsafe">
              ✗ Not safe: {u}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
