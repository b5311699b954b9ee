import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "./cms-page";

const EXPECT = ["HomePage"];

export function generateMetadata() {
  return cmsPageMetadata("/", EXPECT);
}

export default async function HomeRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CmsPage path="/" expect={EXPECT} searchParams={await searchParams} />;
}
