"use client";

// The next configuration: a version and the settings people change around upgrades. Only values
// that differ from today's become flags, so an untouched form compares today with today.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { WhatIfResponse } from "@/lib/api/types";

/** What the form reads of a what-if: the query it answered and today's configuration. */
export type FormSource = Pick<WhatIfResponse, "query" | "current" | "versions">;

export interface FormValues {
  toVersion: string;
  policy: string;
  txtOwnerId: string;
  txtPrefix: string;
  annotationPrefix: string;
  extra: string;
}

const SETTINGS: [keyof FormValues, string][] = [
  ["policy", "--policy"],
  ["txtOwnerId", "--txt-owner-id"],
  ["txtPrefix", "--txt-prefix"],
  ["annotationPrefix", "--annotation-prefix"],
];

/** The form as today's values plus the query's flags. */
export function formFrom(doc: FormSource): FormValues {
  const flag = (name: string) => doc.query.args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const known = new Set(SETTINGS.map(([, f]) => f));
  return {
    toVersion: doc.query.toVersion ?? doc.current.version,
    policy: flag("--policy") ?? doc.current.policy,
    txtOwnerId: flag("--txt-owner-id") ?? doc.current.txtOwnerId,
    txtPrefix: flag("--txt-prefix") ?? doc.current.txtPrefix,
    annotationPrefix: flag("--annotation-prefix") ?? "",
    extra: doc.query.args.filter((a) => !known.has(a.split("=")[0])).join("\n"),
  };
}

export function argsFrom(v: FormValues, doc: FormSource): string[] {
  const args: string[] = [];
  if (v.policy !== doc.current.policy) args.push(`--policy=${v.policy}`);
  if (v.txtOwnerId !== doc.current.txtOwnerId) args.push(`--txt-owner-id=${v.txtOwnerId}`);
  if (v.txtPrefix !== doc.current.txtPrefix) args.push(`--txt-prefix=${v.txtPrefix}`);
  if (v.annotationPrefix.trim()) args.push(`--annotation-prefix=${v.annotationPrefix.trim()}`);
  args.push(...v.extra.split("\n").map((l) => l.trim()).filter(Boolean));
  return args;
}

const input =
  "h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600";

export function WhatIfForm({ doc, onCompare, busy }: { doc: FormSource; onCompare: (toVersion: string, args: string[]) => void; busy: boolean }) {
  const [v, setV] = useState<FormValues>(() => formFrom(doc));
  const set = (k: keyof FormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onCompare(v.toVersion, argsFrom(v, doc));
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="what-if-form">
      <label className="text-sm">
        <span className="mb-1 block font-medium">external-dns version</span>
        <select className={input} value={v.toVersion} onChange={set("toVersion")} data-testid="what-if-version">
          {doc.versions.map((ver) => (
            <option key={ver} value={ver}>
              {ver}
              {ver === doc.current.version ? " (running)" : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">--policy</span>
        <select className={input} value={v.policy} onChange={set("policy")} data-testid="what-if-policy">
          {["sync", "upsert-only", "create-only"].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">--txt-owner-id</span>
        <input className={input} value={v.txtOwnerId} onChange={set("txtOwnerId")} data-testid="what-if-owner" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">--txt-prefix</span>
        <input className={input} value={v.txtPrefix} onChange={set("txtPrefix")} data-testid="what-if-txt-prefix" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">--annotation-prefix</span>
        <input
          className={input}
          value={v.annotationPrefix}
          onChange={set("annotationPrefix")}
          placeholder="follows the version"
          data-testid="what-if-annotation-prefix"
        />
        <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">
          Today: {doc.current.annotationPrefix} ({doc.current.annotationPrefixExplicit ? "set by flag" : "the version's default"})
        </span>
      </label>
      <label className="text-sm sm:col-span-2 lg:col-span-1">
        <span className="mb-1 block font-medium">Other flags (one per line)</span>
        <textarea
          className={`${input} h-16 py-1 font-mono text-xs`}
          value={v.extra}
          onChange={set("extra")}
          placeholder="--domain-filter=example.com"
          data-testid="what-if-extra"
        />
      </label>
      <div className="flex items-center gap-2 sm:col-span-2 lg:col-span-3">
        <Button variant="primary" type="submit" disabled={busy} data-testid="what-if-compare">
          {busy ? "Comparing…" : "Compare with today"}
        </Button>
        <Button type="button" onClick={() => onCompare(doc.current.version, [])}>
          Reset
        </Button>
      </div>
    </form>
  );
}
