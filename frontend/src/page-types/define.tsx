import { fetchGraphQL } from "@/lib/cms";

import type { PageOf, PageQueryResult, PageType, PageTypeDefinition } from "./types";

/**
 * Binds a page type's query to its view. The view receives the page already narrowed to its
 * GraphQL type, so it is type-checked against exactly the fields its query selects.
 */
export function definePageType<T extends string, Q extends PageQueryResult>(
  definition: PageTypeDefinition<T, Q>,
): PageType {
  const { typename, document, View } = definition;
  const isThisType = (page: Q["page"]): page is PageOf<Q, T> => page?.__typename === typename;

  return {
    typename,
    async load(variables, options) {
      const data = await fetchGraphQL(document, variables, options);
      const page = data.page;
      // Between the lookup and this query an editor may have replaced the page: then it is gone.
      if (!isThisType(page)) return null;
      return {
        typename,
        render: ({ searchParams, preview }) => <View page={page} searchParams={searchParams} preview={preview} />,
      };
    },
  };
}
