import type {
  BlogIndexPageDataQuery,
  BlogIndexPagePreviewLinkDataQuery,
  BlogPostPageDataQuery,
  BlogPostPagePreviewLinkDataQuery,
  HomePageDataQuery,
  HomePagePreviewLinkDataQuery,
  NewsIndexPageDataQuery,
  NewsIndexPagePreviewLinkDataQuery,
  NewsPageDataQuery,
  NewsPagePreviewLinkDataQuery,
  PeopleIndexPageDataQuery,
  PeopleIndexPagePreviewLinkDataQuery,
  PersonPageDataQuery,
  PersonPagePreviewLinkDataQuery,
  PreviewLinkLookupQueryVariables,
  ProjectIndexPageDataQuery,
  ProjectIndexPagePreviewLinkDataQuery,
  ProjectPageDataQuery,
  ProjectPagePreviewLinkDataQuery,
  PublicationIndexPageDataQuery,
  PublicationIndexPagePreviewLinkDataQuery,
  PublicationPageDataQuery,
  PublicationPagePreviewLinkDataQuery,
  ResearchAreaIndexPageDataQuery,
  ResearchAreaIndexPagePreviewLinkDataQuery,
  ResearchAreaPageDataQuery,
  ResearchAreaPagePreviewLinkDataQuery,
  TypedDocumentString,
} from "@/gql/graphql";
import {
  BlogIndexPagePreviewLinkDataDocument,
  BlogPostPagePreviewLinkDataDocument,
  HomePagePreviewLinkDataDocument,
  NewsIndexPagePreviewLinkDataDocument,
  NewsPagePreviewLinkDataDocument,
  PeopleIndexPagePreviewLinkDataDocument,
  PersonPagePreviewLinkDataDocument,
  ProjectIndexPagePreviewLinkDataDocument,
  ProjectPagePreviewLinkDataDocument,
  PublicationIndexPagePreviewLinkDataDocument,
  PublicationPagePreviewLinkDataDocument,
  ResearchAreaIndexPagePreviewLinkDataDocument,
  ResearchAreaPagePreviewLinkDataDocument,
} from "@/gql/graphql";
import type { PageQueryResult } from "@/page-types/types";

// For each page type, the query that fetches a shareable preview link's draft with exactly the
// fields the type's own query (src/graphql/queries/pages.graphql) selects, so the type's view
// (src/page-types/) renders it. A type without an entry renders with FallbackView.
//
// The `Same<...>` lines are the compile-time guard: when a page type's query in pages.graphql
// changes and its twin in preview-link.graphql does not, `npm run typecheck` fails here.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameShape: {
  HomePage: Same<HomePageDataQuery["page"], HomePagePreviewLinkDataQuery["page"]>;
  ResearchAreaIndexPage: Same<ResearchAreaIndexPageDataQuery["page"], ResearchAreaIndexPagePreviewLinkDataQuery["page"]>;
  ResearchAreaPage: Same<ResearchAreaPageDataQuery["page"], ResearchAreaPagePreviewLinkDataQuery["page"]>;
  ProjectIndexPage: Same<ProjectIndexPageDataQuery["page"], ProjectIndexPagePreviewLinkDataQuery["page"]>;
  ProjectPage: Same<ProjectPageDataQuery["page"], ProjectPagePreviewLinkDataQuery["page"]>;
  PeopleIndexPage: Same<PeopleIndexPageDataQuery["page"], PeopleIndexPagePreviewLinkDataQuery["page"]>;
  PersonPage: Same<PersonPageDataQuery["page"], PersonPagePreviewLinkDataQuery["page"]>;
  BlogIndexPage: Same<BlogIndexPageDataQuery["page"], BlogIndexPagePreviewLinkDataQuery["page"]>;
  BlogPostPage: Same<BlogPostPageDataQuery["page"], BlogPostPagePreviewLinkDataQuery["page"]>;
  NewsIndexPage: Same<NewsIndexPageDataQuery["page"], NewsIndexPagePreviewLinkDataQuery["page"]>;
  NewsPage: Same<NewsPageDataQuery["page"], NewsPagePreviewLinkDataQuery["page"]>;
  PublicationIndexPage: Same<PublicationIndexPageDataQuery["page"], PublicationIndexPagePreviewLinkDataQuery["page"]>;
  PublicationPage: Same<PublicationPageDataQuery["page"], PublicationPagePreviewLinkDataQuery["page"]>;
} = {
  HomePage: true,
  ResearchAreaIndexPage: true,
  ResearchAreaPage: true,
  ProjectIndexPage: true,
  ProjectPage: true,
  PeopleIndexPage: true,
  PersonPage: true,
  BlogIndexPage: true,
  BlogPostPage: true,
  NewsIndexPage: true,
  NewsPage: true,
  PublicationIndexPage: true,
  PublicationPage: true,
};

export type PreviewLinkDocument = TypedDocumentString<PageQueryResult, PreviewLinkLookupQueryVariables>;

export const previewLinkDocuments: Readonly<Record<keyof typeof sameShape, PreviewLinkDocument>> = {
  HomePage: HomePagePreviewLinkDataDocument,
  ResearchAreaIndexPage: ResearchAreaIndexPagePreviewLinkDataDocument,
  ResearchAreaPage: ResearchAreaPagePreviewLinkDataDocument,
  ProjectIndexPage: ProjectIndexPagePreviewLinkDataDocument,
  ProjectPage: ProjectPagePreviewLinkDataDocument,
  PeopleIndexPage: PeopleIndexPagePreviewLinkDataDocument,
  PersonPage: PersonPagePreviewLinkDataDocument,
  BlogIndexPage: BlogIndexPagePreviewLinkDataDocument,
  BlogPostPage: BlogPostPagePreviewLinkDataDocument,
  NewsIndexPage: NewsIndexPagePreviewLinkDataDocument,
  NewsPage: NewsPagePreviewLinkDataDocument,
  PublicationIndexPage: PublicationIndexPagePreviewLinkDataDocument,
  PublicationPage: PublicationPagePreviewLinkDataDocument,
};

export function previewLinkDocumentFor(typename: string): PreviewLinkDocument | undefined {
  return Object.hasOwn(previewLinkDocuments, typename)
    ? previewLinkDocuments[typename as keyof typeof sameShape]
    : undefined;
}
