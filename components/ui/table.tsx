// Table shell for the small tables (listeners, sources). Lists that can grow use VirtualTable
// (virtual-table.tsx); the records table has its own virtualised body. All share the cell classes.

import { ScrollArea } from "./scroll-area";

export const thClass =
  "px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
export const tdClass = "px-2 py-1.5 align-top text-sm";

export function Table({ children, caption, testId }: { children: React.ReactNode; caption?: string; testId?: string }) {
  return (
    <ScrollArea className="overflow-x-auto" label={caption ?? "Table"}>
      <table data-testid={testId} className="w-full border-collapse text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </ScrollArea>
  );
}

export function Th({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={`${thClass} border-b border-slate-200 dark:border-slate-800 ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, className = "", colSpan }: { children?: React.ReactNode; className?: string; colSpan?: number }) {
  return (
    <td colSpan={colSpan} className={`${tdClass} ${className}`}>
      {children}
    </td>
  );
}

export function Tr({ children, className = "", ...rest }: React.ComponentProps<"tr"> & { children: React.ReactNode }) {
  return (
    <tr className={`border-b border-slate-100 last:border-0 dark:border-slate-800/70 ${className}`} {...rest}>
      {children}
    </tr>
  );
}

export function Mono({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return <code className={`font-mono text-[0.8125rem] [overflow-wrap:anywhere] ${className}`}>{children}</code>;
}
