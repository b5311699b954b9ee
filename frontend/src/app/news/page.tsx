import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../cms-page";

// Search parameters: `kind` (paper, award, talk, blog, announcement, release), `year`, `area`
// (a research area's slug), `page`.
const EXPECT = ["NewsIndexPage"];

export function generateMetadata() {
  return cmsPageMetadata("/news/", EXPECT);
}

export default async function NewsIndexRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CmsPage path="/news/" expect={EXPECT} searchParams={await searchParams} />;
}
