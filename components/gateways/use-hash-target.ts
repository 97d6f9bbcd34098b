"use client";

// Deep links like /gateways#httproute/default/app point at content that only exists once the
// data has loaded, so the browser's own jump misses it: scroll there ourselves, and tell the
// page which element to highlight.

import { useEffect, useState } from "react";

function currentHash(): string {
  if (typeof window === "undefined") return "";
  const raw = window.location.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    // A hand-typed "#%" is not a target; it must not break the page.
    return raw;
  }
}

export function useHashTarget(ready: boolean): string {
  const [hash, setHash] = useState("");
  useEffect(() => {
    const update = () => setHash(currentHash());
    update();
    window.addEventListener("hashchange", update);
    window.addEventListener("popstate", update);
    return () => {
      window.removeEventListener("hashchange", update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(hash);
    el?.scrollIntoView({ block: "start" });
  }, [ready, hash]);
  return hash;
}
