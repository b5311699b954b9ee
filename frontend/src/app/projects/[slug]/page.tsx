import { pathFromSegments } from "@/lib/pages";
import type { SearchParams } from "@/lib/search-params";

import { CmsPage, cmsPageMetadata } from "../../cms-page";

const EXPECT = ["ProjectPage"];

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

const pathOf = (slug: string) => pathFromSegments(["projects", slug]);

export async function generateMetadata({ params }: Props) {
  return cmsPageMetadata(pathOf((await params).slug), EXPECT);
}

export default async function ProjectRoute({ params, searchParams }: Props) {
  return <CmsPage path={pathOf((await params).slug)} expect={EXPECT} searchParams={await searchParams} />;
}
