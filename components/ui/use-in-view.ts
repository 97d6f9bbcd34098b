"use client";

// True once the element has come near the viewport (and stays true): a page of fifty Gateway
// cards asks for the routes of the cards a person can see, not for all fifty lists at once.

import { useEffect, useRef, useState } from "react";

export function useInView<T extends Element>(rootMargin = "400px"): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin });
    io.observe(el);
    return () => io.disconnect();
  }, [seen, rootMargin]);
  return [ref, seen];
}
