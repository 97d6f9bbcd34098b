import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { Providers } from "./providers";
import { Header } from "@/components/shell/header";
import { DataBanner } from "@/components/shell/data-banner";
import { THEME_SCRIPT } from "@/components/ui/theme-script";

export const metadata: Metadata = {
  title: { default: "dnsdrift", template: "%s · dnsdrift" },
  description: "Who owns each DNS record, and where DNS has drifted",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy admits only scripts carrying this request's nonce (proxy.ts).
  // Reading it makes every page render per request, which is also what keeps pages out of
  // shared caches.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-slate-900">
          Skip to content
        </a>
        <Providers>
          <Header />
          <DataBanner />
          <main id="main" className="mx-auto max-w-screen-2xl px-4 py-4">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
