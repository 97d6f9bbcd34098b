"use client";

// Token mode's sign-in: exchanges a token for an HttpOnly session cookie (POST /api/session),
// then goes back to the page that sent the person here (?next=/plan), same-site paths only.

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ApiRequestError, postJson } from "@/components/api/fetch-json";
import type { SessionResponse } from "@/lib/api/session";

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get("next") ?? "/";
  // Only a path on this server: "//evil.example" or "https://…" would leave it.
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export default function LoginPage() {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await postJson<SessionResponse>("/api/session", { token });
      window.location.assign(nextPath());
    } catch (err) {
      setError(err instanceof ApiRequestError && err.status === 401 ? "That token is not valid." : (err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto mt-12 max-w-md">
      <Card title="Sign in to dnsdrift" subtitle="Paste the access token your platform team gave you.">
        <form onSubmit={submit} className="flex flex-col gap-3" data-testid="login-form">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Token
            <input
              type="password"
              name="token"
              autoComplete="current-password"
              required
              value={token}
              onChange={(e) => setToken(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          <Button type="submit" variant="primary" disabled={busy || !token}>
            {busy ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      </Card>
    </div>
  );
}
