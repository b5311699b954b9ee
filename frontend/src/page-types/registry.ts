// Page types the frontend can render, by GraphQL type name (= Wagtail model name).
//
// To add one:
//   1. a fragment `<Type>Fields on <Type>` in src/graphql/fragments/pages.graphql, and a
//      `query <Type>Data($urlPath: String, $token: String)` in src/graphql/queries/pages.graphql
//      selecting `... on <Type> { ...<Type>Fields }` (and its twin in preview-link.graphql);
//   2. `definePageType({ typename: "<Type>", document: <Type>DataDocument, View })`;
//   3. an entry below.
// The catch-all route, previews and metadata then work for it. A dedicated route (like
// app/blog/[slug]) is only needed to insist on a type at a path.

import { blogIndexPage, blogPostPage } from "./blog";
import { homePage } from "./home";
import { newsIndexPage, newsPage } from "./news";
import { peopleIndexPage, personPage } from "./people";
import { projectIndexPage, projectPage } from "./projects";
import { publicationIndexPage, publicationPage } from "./publications";
import { researchAreaIndexPage, researchAreaPage } from "./research";
import type { PageType } from "./types";

export const pageTypes: Readonly<Record<string, PageType>> = Object.fromEntries(
  [
    homePage,
    researchAreaIndexPage,
    researchAreaPage,
    projectIndexPage,
    projectPage,
    peopleIndexPage,
    personPage,
    blogIndexPage,
    blogPostPage,
    newsIndexPage,
    newsPage,
    publicationIndexPage,
    publicationPage,
  ].map((pageType) => [pageType.typename, pageType]),
);
