"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /** Other path prefixes that count as this item. */
  also?: string[];
  badge?: React.ReactNode;
}

function isActive(path: string, item: NavItem): boolean {
  const prefixes = [item.href, ...(item.also ?? [])];
  return prefixes.some((p) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`)));
}

export function Nav({ items }: { items: NavItem[] }) {
  const path = usePathname() ?? "/";
  return (
    <nav aria-label="Main">
      <ul className="flex items-center gap-0.5">
        {items.map((item) => {
          const active = isActive(path, item);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
                  active
                    ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                {item.label}
                {item.badge}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Tabs that are links, so each tab has its own URL. */
export function LinkTabs({ items, label }: { items: { href: string; label: string; count?: number }[]; label: string }) {
  const path = usePathname() ?? "/";
  return (
    <nav aria-label={label} className="mb-4 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex gap-4">
        {items.map((t) => {
          const active = path === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
                  active
                    ? "border-sky-600 text-slate-900 dark:border-sky-400 dark:text-slate-50"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
                }`}
              >
                {t.label}
                {t.count !== undefined && <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-700 dark:bg-slate-800 dark:text-slate-300">{t.count}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
