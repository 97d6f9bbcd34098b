"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ApiRequestError, shouldRetry } from "@/components/api/fetch-json";

const SIGN_IN_EVENT = "dnsdrift-sign-in";

/** A 401 that names a login page sends the person there, and back here afterwards. */
function onQueryError(error: unknown) {
  if (!(error instanceof ApiRequestError) || error.status !== 401 || !error.login) return;
  if (window.location.pathname === error.login) return;
  const next = window.location.pathname + window.location.search + window.location.hash;
  window.dispatchEvent(new CustomEvent(SIGN_IN_EVENT, { detail: `${error.login}?next=${encodeURIComponent(next)}` }));
}

function SignInRedirect() {
  const router = useRouter();
  useEffect(() => {
    const go = (e: Event) => router.push((e as CustomEvent<string>).detail);
    window.addEventListener(SIGN_IN_EVENT, go);
    return () => window.removeEventListener(SIGN_IN_EVENT, go);
  }, [router]);
  return null;
}

const noSubscription = () => () => {};

/**
 * False while the server renders and while the browser hydrates, true right after. Pages render
 * per request (the CSP nonce), and everything in them is data fetched in the browser: rendering
 * it only once hydrated keeps a query that answers mid-hydration from making the browser's tree
 * differ from the server's HTML.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function Providers({ children }: { children: React.ReactNode }) {
  const hydrated = useHydrated();
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onQueryError }),
        defaultOptions: {
          queries: {
            // The server caches cluster and Cloudflare reads; polling it is cheap and keeps ages honest.
            refetchInterval: 15_000,
            refetchIntervalInBackground: false,
            staleTime: 10_000,
            retry: shouldRetry,
            refetchOnWindowFocus: true,
          },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <SignInRedirect />
      {hydrated ? children : null}
    </QueryClientProvider>
  );
}
