import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../cms-page";

const EXPECT = ["PeopleIndexPage"];

export function generateMetadata() {
  return cmsPageMetadata("/team/", EXPECT);
}

export default async function TeamRoute({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <CmsPage path="/team/" expect={EXPECT} searchParams={await searchParams} />;
}
