"use client";

import { useState } from "react";
import { scrollableProps, scrollFocusClass, useOverflowing } from "./scroll-area";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        });
      }}
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
    >
      <span aria-live="polite">{done ? "Copied" : label}</span>
    </button>
  );
}

/** `maxHeight`: a long block (a patch for a thousand objects) scrolls instead of making the page that tall. */
export function CodeBlock({ code, label, testId, wrap = false, maxHeight }: { code: string; label?: string; testId?: string; wrap?: boolean; maxHeight?: string }) {
  const [ref, overflowing] = useOverflowing<HTMLPreElement>();
  return (
    <div className="relative">
      <div className="absolute right-2 top-2">
        <CopyButton text={code} label={label ? `Copy ${label}` : "Copy"} />
      </div>
      <pre
        ref={ref}
        {...scrollableProps(overflowing, label ?? "Code")}
        data-testid={testId}
        style={maxHeight ? { maxHeight } : undefined}
        className={`${scrollFocusClass} ${wrap ? "whitespace-pre-wrap [overflow-wrap:anywhere]" : "overflow-x-auto"} ${maxHeight ? "overflow-y-auto" : ""} rounded-md bg-slate-950 p-3 pr-28 font-mono text-[0.8125rem] leading-relaxed text-slate-100 dark:bg-black/60`}
      >
        {code}
      </pre>
    </div>
  );
}
