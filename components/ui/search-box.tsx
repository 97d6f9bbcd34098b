"use client";

// The header's "jump to a hostname" box: type a name (or paste a URL), press Enter. Suggestions
// come from the caller, which hears what is typed (onQuery) and asks the server; "/" focuses it
// from anywhere.

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { normalizeHostname } from "@/lib/externaldns/hostname";

/** "https://App.Example.com/path" → "app.example.com". */
export function normalizeHostInput(text: string): string {
  let s = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  s = s.split(/[/?#]/)[0];
  return normalizeHostname(s.replace(/:\d+$/, ""));
}

export function SearchBox({
  suggestions,
  onGo,
  onQuery,
  placeholder = "Find a hostname…",
}: {
  suggestions: string[];
  onGo: (host: string) => void;
  onQuery?: (q: string) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLInputElement>(null);
  const listId = useId();
  const q = normalizeHostInput(text);
  useEffect(() => {
    if (!onQuery) return;
    const t = setTimeout(() => onQuery(q), 120);
    return () => clearTimeout(t);
  }, [q, onQuery]);
  const shown = useMemo(() => {
    if (!q) return suggestions.slice(0, 12);
    const starts = suggestions.filter((s) => s.startsWith(q));
    const contains = suggestions.filter((s) => !s.startsWith(q) && s.includes(q));
    return [...starts, ...contains].slice(0, 12);
  }, [q, suggestions]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      e.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form
      role="search"
      className="relative w-56 xl:w-72"
      onSubmit={(e) => {
        e.preventDefault();
        if (!q) return;
        onGo(q);
        setText("");
        ref.current?.blur();
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        Find a hostname
      </label>
      <input
        ref={ref}
        id={`${listId}-input`}
        data-testid="hostname-search"
        type="search"
        list={listId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        className="h-8 w-full rounded-md border border-slate-300 bg-white pl-2.5 pr-8 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-sky-600/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <kbd aria-hidden className="pointer-events-none absolute right-2 top-1.5 rounded border border-slate-300 px-1 text-[10px] text-slate-500 dark:border-slate-600">
        /
      </kbd>
      <datalist id={listId}>
        {shown.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </form>
  );
}
