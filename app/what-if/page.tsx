import type { Metadata } from "next";
import { Suspense } from "react";
import { WhatIfPage } from "@/components/what-if/what-if-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "What-if" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <WhatIfPage />
    </Suspense>
  );
}
