import type { TypedDocumentString } from "@/gql/graphql";
import { fetchGraphQL, type FetchOptions } from "@/lib/cms";

import type { PageOf, PageQueryResult, PageType, PageTypeDefinition, RenderContext } from "./types";

/**
 * Binds a page type's query to its view. The view receives the page already narrowed to its
 * GraphQL type, so it is type-checked against exactly the fields its query selects.
 */
export function definePageType<T extends string, Q extends PageQueryResult>(
  definition: PageTypeDefinition<T, Q>,
): PageType {
  const { typename, document, View } = definition;
  const isThisType = (page: Q["page"]): page is PageOf<Q, T> => page?.__typename === typename;

  async function loadFrom<V>(source: TypedDocumentString<Q, V>, variables: V, options: FetchOptions) {
    const data = await fetchGraphQL(source, variables, options);
    const page = data.page;
    // Between the lookup and this query an editor may have replaced the page: then it is gone.
    if (!isThisType(page)) return null;
    return {
      typename,
      render: ({ searchParams, preview }: RenderContext) => (
        <View page={page} searchParams={searchParams} preview={preview} />
      ),
    };
  }

  return {
    typename,
    load: (variables, options) => loadFrom(document, variables, options),
    // Another query for the same view (e.g. a shareable preview link's `page: previewLink(key:)`):
    // its caller guarantees that `page` selects what `document` selects.
    loadWith: (other, variables, options) =>
      loadFrom(other as unknown as TypedDocumentString<Q, typeof variables>, variables, options),
  };
}
