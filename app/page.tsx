import { Suspense } from "react";
import { OverviewPage } from "@/components/overview/overview-page";
import { Loading } from "@/components/ui/feedback";

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <OverviewPage />
    </Suspense>
  );
}
