"use client";

// A box that scrolls sideways (a wide table, a long YAML line) must be reachable from the
// keyboard, or its hidden part is out of reach without a mouse. It becomes a tab stop only
// while its content overflows, so boxes that fit add no stop to the tab order.

import { useEffect, useRef, useState } from "react";

export function useOverflowing<T extends HTMLElement>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflowing(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    for (const child of Array.from(el.children)) ro.observe(child);
    return () => ro.disconnect();
  }, []);
  return [ref, overflowing];
}

/** Keyboard-scrollable props for the element `useOverflowing` watches. */
export function scrollableProps(overflowing: boolean, label: string) {
  return overflowing ? { tabIndex: 0, role: "region", "aria-label": label } : {};
}

export const scrollFocusClass = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

export function ScrollArea({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  const [ref, overflowing] = useOverflowing<HTMLDivElement>();
  return (
    <div ref={ref} className={`${className} ${scrollFocusClass}`} {...scrollableProps(overflowing, label)}>
      {children}
    </div>
  );
}
