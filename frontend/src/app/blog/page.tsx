import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../cms-page";

// Search parameters: `area` (a research area's slug), `tag`, `page`.
const EXPECT = ["BlogIndexPage"];

export function generateMetadata() {
  return cmsPageMetadata("/blog/", EXPECT);
}

export default async function BlogIndexRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CmsPage path="/blog/" expect={EXPECT} searchParams={await searchParams} />;
}
