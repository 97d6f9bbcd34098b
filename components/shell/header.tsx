"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useSession, writeHeaders } from "@/components/api/session";
import { useRefreshState, useStateData } from "@/components/api/state";
import { Age } from "@/components/ui/age";
import { hostnameHref } from "@/components/ui/links";
import { Nav, type NavItem } from "@/components/ui/nav";
import { SearchBox } from "@/components/ui/search-box";
import { Spinner } from "@/components/ui/feedback";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { StateResponse } from "@/lib/api/types";

function summarize(s: StateResponse) {
  const names = new Set<string>();
  let pending = 0;
  for (const i of s.instances) {
    i.hostnames.forEach((h) => names.add(h.name));
    pending += i.plan.summary.create + i.plan.summary.update + i.plan.summary.delete;
  }
  return { hostnames: [...names].sort(), pending, generatedAt: s.generatedAt, mode: s.mode };
}

export function Header() {
  const router = useRouter();
  const { data, isFetching } = useStateData(summarize);
  const refresh = useRefreshState();
  const { data: session } = useSession();
  const qc = useQueryClient();
  const signOut = async () => {
    await fetch("/api/session", { method: "DELETE", headers: await writeHeaders(qc) }).catch(() => undefined);
    qc.clear();
    router.push("/login");
  };
  const items: NavItem[] = [
    { href: "/", label: "Overview" },
    { href: "/gateways", label: "Gateways", also: ["/ingresses", "/dnsendpoints", "/services"] },
    { href: "/records", label: "Records", also: ["/hostnames"] },
    {
      href: "/plan",
      label: "Plan",
      badge: data?.pending ? (
        <span data-testid="nav-plan-count" className="rounded-full bg-amber-500 px-1.5 text-xs font-semibold tabular-nums text-slate-950">
          {data.pending}
        </span>
      ) : undefined,
    },
    { href: "/what-if", label: "What-if" },
    { href: "/audit", label: "Audit" },
  ];
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="flex items-center gap-1.5 text-base font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-600">
          <span aria-hidden className="inline-block size-2.5 rounded-sm bg-sky-600" />
          dnsdrift
        </Link>
        <Nav items={items} />
        <div className="ml-auto flex items-center gap-2">
          <SearchBox suggestions={data?.hostnames ?? []} onGo={(h) => router.push(hostnameHref(h))} />
          <div className="hidden items-center gap-1.5 whitespace-nowrap text-xs text-slate-600 md:flex dark:text-slate-400" aria-live="off">
            {data && (
              <>
                <span className="hidden rounded bg-slate-100 px-1.5 py-0.5 font-medium xl:inline dark:bg-slate-800" title="Where the data comes from">
                  {data.mode}
                </span>
                <span>
                  data <Age at={data.generatedAt} testId="header-data-age" staleAfterSeconds={120} />
                </span>
              </>
            )}
            {isFetching && <Spinner className="size-3" />}
          </div>
          <button
            type="button"
            data-testid="header-refresh"
            onClick={() => refresh.mutate()}
            disabled={refresh.isPending}
            aria-label="Refresh: re-read cluster, Cloudflare and DNS now"
            title="Re-read cluster, Cloudflare and DNS now"
            className="inline-flex h-8 items-center rounded-md border border-slate-300 px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            <span aria-hidden className={refresh.isPending ? "inline-block animate-spin" : ""}>
              ↻
            </span>
          </button>
          {session && session.mode !== "none" && (
            <span className="hidden items-center gap-1 text-xs text-slate-700 lg:inline-flex dark:text-slate-300" data-testid="session-user" title={session.groups.join(", ")}>
              {session.name}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium dark:bg-slate-800">{session.role ?? "no access"}</span>
              {session.credential === "cookie" && (
                <button type="button" onClick={() => void signOut()} className="ml-1 whitespace-nowrap underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
                  Sign out
                </button>
              )}
            </span>
          )}
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
