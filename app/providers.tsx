"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
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

export function Providers({ children }: { children: React.ReactNode }) {
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
      {children}
    </QueryClientProvider>
  );
}
