import type { ReactNode } from "react";

import type { PageLookupQueryVariables, TypedDocumentString } from "@/gql/graphql";
import type { SearchParams } from "@/lib/search-params";

/** Every page query takes the same variables: a public page's path, or a draft's preview token. */
export type PageVariables = PageLookupQueryVariables;

/** The shape every page query returns. */
export interface PageQueryResult {
  page: { __typename: string } | null;
}

/** The member of a page query's result for one page type. */
export type PageOf<Q extends PageQueryResult, T extends string> = Extract<NonNullable<Q["page"]>, { __typename: T }>;

export interface PageViewProps<P> {
  page: P;
  /** The request's search parameters (filters, pagination); empty in preview. */
  searchParams: SearchParams;
  preview: boolean;
}

export type PageView<P> = (props: PageViewProps<P>) => ReactNode | Promise<ReactNode>;

export interface RenderContext {
  searchParams: SearchParams;
  preview: boolean;
}

/** A page type as the router sees it: its data loaded, ready to render. */
export interface PageType {
  typename: string;
  load(variables: PageVariables, options: { preview: boolean; tags: string[] }): Promise<LoadedPage | null>;
  /**
   * The same view, fed by another query whose `page` selects exactly what this type's `document`
   * selects, e.g. `page: previewLink(key: $key)` for a shareable preview link. The caller vouches
   * for the shape (app/preview-link/[key]/documents.ts checks it at compile time).
   */
  loadWith<V>(
    document: TypedDocumentString<PageQueryResult, V>,
    variables: V,
    options: { preview: boolean; tags: string[] },
  ): Promise<LoadedPage | null>;
}

export interface LoadedPage {
  typename: string;
  render(context: RenderContext): ReactNode;
}

export interface PageTypeDefinition<T extends string, Q extends PageQueryResult> {
  /** The GraphQL type name, which is the Wagtail model name. */
  typename: T;
  /** A query with `$urlPath` and `$token` that selects `... on <typename>` under `page`. */
  document: TypedDocumentString<Q, PageVariables>;
  View: PageView<PageOf<Q, T>>;
}
