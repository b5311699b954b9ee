import { pathFromSegments } from "@/lib/pages";
import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../cms-page";

// Any other path: the CMS decides what is there (e.g. /research/, /news/<item>/, and page types
// added to the CMS later), and src/page-types/registry.ts decides how it looks.

interface Props {
  params: Promise<{ path: string[] }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props) {
  return cmsPageMetadata(pathFromSegments((await params).path));
}

export default async function CatchAllRoute({ params, searchParams }: Props) {
  return <CmsPage path={pathFromSegments((await params).path)} searchParams={await searchParams} />;
}
