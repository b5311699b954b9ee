import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../cms-page";

// Search parameters: `area` (a research area's slug), `code` (yes, no), `order` (-year,
// -github_stars; default by name), `page`.
const EXPECT = ["ProjectIndexPage"];

export function generateMetadata() {
  return cmsPageMetadata("/projects/", EXPECT);
}

export default async function ProjectIndexRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CmsPage path="/projects/" expect={EXPECT} searchParams={await searchParams} />;
}
