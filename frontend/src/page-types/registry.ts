// Page types the frontend can render, by GraphQL type name (= Wagtail model name).
//
// To add one (e.g. ProjectPage once the schema has it):
//   1. a `query ProjectPageData($urlPath: String, $token: String)` in src/graphql/queries/pages.graphql
//      selecting `... on ProjectPage { ... }`;
//   2. `definePageType({ typename: "ProjectPage", document: ProjectPageDataDocument, View })`;
//   3. an entry below.
// The catch-all route, previews and metadata then work for it. A dedicated route (like
// app/blog/[slug]) is only needed to insist on a type at a path.

import { blogIndexPage, blogPostPage } from "./blog";
import { homePage } from "./home";
import { newsIndexPage, newsPage } from "./news";
import { researchAreaIndexPage, researchAreaPage } from "./research";
import type { PageType } from "./types";

export const pageTypes: Readonly<Record<string, PageType>> = Object.fromEntries(
  [homePage, researchAreaIndexPage, researchAreaPage, blogIndexPage, blogPostPage, newsIndexPage, newsPage].map(
    (pageType) => [pageType.typename, pageType],
  ),
);
